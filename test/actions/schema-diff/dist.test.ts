import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import '../../helpers/build-evidence.js';
import { startArtifactService, type ArtifactService } from '../../helpers/artifact-service.js';
import { listZip } from '../../helpers/list-zip.js';
import { runActionBundle } from '../../helpers/run-action-bundle.js';

const subject = { GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'a'.repeat(40) };
const OLD = 'type Query {\n  user(id: ID!): User\n}\n\ntype User {\n  id: ID!\n  email: String\n}\n';
const NEW = 'type Query {\n  user(id: ID!): User\n}\n\ntype User {\n  id: ID!\n  name: String\n}\n';

/** A pull_request event on a repository whose base branch holds OLD and whose working tree holds NEW. */
function pullRequest(labels: string[]): { dir: string; event: string } {
  const dir = mkdtempSync(join(tmpdir(), 'schema-action-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'schema.graphql'), OLD);
  git('add', '.');
  git('commit', '-q', '-m', 'schema');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  writeFileSync(join(dir, 'schema.graphql'), NEW);
  const event = join(dir, 'event.json');
  const pr = { number: 5, title: 't', head: { sha: 'b'.repeat(40), ref: 'feature' }, base: { ref: 'main' }, user: { login: 'octocat' }, labels: labels.map((name) => ({ name })) };
  writeFileSync(event, JSON.stringify({ action: 'labeled', label: { name: labels[0] ?? 'x' }, sender: { login: 'api-lead' }, pull_request: pr, repository: { full_name: 'acme/api' } }));
  return { dir, event };
}

describe('the committed bundle of actions/schema-diff', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  it('diffs against the base branch, annotates the changed line, uploads the report and fails on a breaking change', async () => {
    const { dir, event } = pullRequest([]);
    const run = await runActionBundle('schema-diff', { schema: 'schema.graphql' }, { ...subject, ...service.env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }, undefined, dir);
    expect(run.code).toBe(1);
    expect(run.log).toContain(`::error title=breaking schema change%3A FIELD_REMOVED,file=schema.graphql,line=5::Field 'email' was removed from object type 'User'%0ARemoving a field is a breaking change.`);
    expect(run.outputs).toMatchObject({ conclusion: 'fail', breaking: '1', approved: 'false', 'artifact-name': 'maestro-evidence-schema-diff' });
    expect(run.summary).toContain('### ❌ Schema diff: 1 breaking change: add the label');
    const artifact = service.artifacts.find((a) => a.name === 'maestro-evidence-schema-diff')!;
    const entries = await listZip(artifact.zip);
    const report = parseEvidence(Buffer.from(entries['schema-diff.json']!), 'schema-diff.json');
    expect(report.status === 'valid' && report.report.subject).toEqual({ repo: 'acme/api', sha: 'b'.repeat(40), pr: 5, ref: 'refs/heads/feature' });
  });

  it('passes with the approval label and records who applied it', async () => {
    const { dir, event } = pullRequest(['approved-breaking-change']);
    const run = await runActionBundle('schema-diff', { schema: 'schema.graphql', upload: 'false' }, { ...subject, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }, undefined, dir);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ conclusion: 'pass', approved: 'true' });
    expect(run.summary).toContain('accepted by the label "approved-breaking-change" applied by @​api-lead');
  });
});
