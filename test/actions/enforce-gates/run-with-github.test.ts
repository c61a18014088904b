import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { pinGitHubRequests } from '../../helpers/pin-github.js';
import { run, type ActionIo, type RunInputs } from '../../../actions/enforce-gates/run.js';
import { createWorkflowGitHub, type WorkflowGitHub } from '../../../adapters/github/workflow-github.js';
import type { CheckRunContent } from '../../../adapters/github/check-run.js';
import { artifactRecord, producingRun, zipOf } from '../../helpers/evidence-artifacts.js';
import { readEvidenceDir } from '../../../adapters/fs/read-evidence-dir.js';

const API = 'https://api.github.com';
const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const CHANGED = ['web/src/checkout/PaymentForm.tsx', 'package-lock.json', 'schema/schema.graphql'];

/** The passing example's PR, its feature-flag evidence given as a manual link in the PR body. */
function eventWithLink(): string {
  const payload = JSON.parse(readFileSync('examples/pr-passing/event.json', 'utf8')) as { pull_request: { body: string } };
  payload.pull_request.body = 'Checkout v2.\n\n## Evidence\n\n- GA-29: [checkout-v2 dark launch and rollback](https://flags.example.com/projects/web/flags/checkout-v2/history)\n';
  const dir = mkdtempSync(join(tmpdir(), 'event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
  return join(dir, 'event.json');
}

function fakeIo() {
  const calls = { outputs: {} as Record<string, string>, failed: [] as string[], info: [] as string[], warnings: [] as string[] };
  const io: ActionIo = {
    setOutput: (name, value) => void (calls.outputs[name] = value),
    appendSummary: async () => {},
    setFailed: (message) => void calls.failed.push(message),
    info: (message) => void calls.info.push(message),
    warning: (message) => void calls.warnings.push(message),
  };
  return { io, calls };
}

function inputs(overrides: Partial<RunInputs> = {}): RunInputs {
  return {
    eventName: 'pull_request',
    eventPath: eventWithLink(),
    evidence: 'examples/pr-passing/evidence',
    config: 'examples/maestro.yml',
    configIsDefault: false,
    outputDir: mkdtempSync(join(tmpdir(), 'action-')),
    now: '2026-11-20T12:00:00Z',
    checkRun: true,
    ...overrides,
  };
}

/** The evidence reports of the passing example, zipped as one artifact of the commit. */
async function exampleArtifact(): Promise<Buffer> {
  const files: Record<string, Buffer> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name));
    }
  };
  walk('examples/pr-passing/evidence', '');
  return zipOf(files);
}

/** A run of the head commit whose workflow file the PR leaves unchanged. */
const GATES_RUN = { headCommit: true, defaultBranch: false, workflowPath: '.github/workflows/gates.yml' };

describe('the root action with a token (fake GitHub port)', () => {
  it('reads the commit\'s artifacts when no folder was downloaded, counts approved body links, lists changed files, publishes the check', async () => {
    const published: CheckRunContent[] = [];
    const asked: string[] = [];
    const zipItems = await readEvidenceDir('examples/pr-passing/evidence');
    const github: WorkflowGitHub = {
      commitEvidence: async (sha) => (asked.push(`evidence ${sha}`), zipItems.map((item) => ({ item, origin: GATES_RUN }))),
      changedFiles: async (pull) => (asked.push(`files ${pull}`), CHANGED),
      approvers: async (pull) => (asked.push(`approvers ${pull}`), ['octocat']),
      publishCheck: async (content) => (published.push(content), 42),
    };
    const { io, calls } = fakeIo();
    const result = await run(inputs({ evidence: 'not-downloaded' }), io, () => github);
    expect(asked).toEqual([`evidence ${SHA}`, 'files 2', 'approvers 2']);
    expect(result?.conclusion).toBe('success');
    expect(result?.controls.find((c) => c.controlId === 'GA-29')?.result).toBe('pass');
    expect(published).toEqual([expect.objectContaining({ name: 'Enforce GA Gates Evidence', sha: SHA, conclusion: 'success' })]);
    expect(calls.failed).toEqual([]);
  });

  it('does not trust a report produced by a workflow file the PR changes: the control it would meet is not met, and the notes say why', async () => {
    const zipItems = await readEvidenceDir('examples/pr-passing/evidence');
    const workflow = '.github/workflows/gates.yml';
    const github: WorkflowGitHub = {
      commitEvidence: async () => zipItems.map((item) => ({ item, origin: { ...GATES_RUN, workflowPath: workflow } })),
      changedFiles: async () => [...CHANGED, workflow],
      approvers: async () => ['octocat'],
      publishCheck: async () => 1,
    };
    const { io, calls } = fakeIo();
    const result = await run(inputs({ evidence: 'not-downloaded' }), io, () => github);
    expect(result?.conclusion).toBe('failure');
    const invalid = result!.controls.filter((c) => c.result === 'invalid');
    expect(invalid.length).toBeGreaterThan(0);
    for (const control of invalid) expect(control.explanation).toContain(`is not trusted: produced by ${workflow}, which this pull request changes`);
    expect(calls.failed).toHaveLength(1);
  });

  it('does not count a body link nobody with write access approved', async () => {
    const github: WorkflowGitHub = {
      commitEvidence: async () => [],
      changedFiles: async () => CHANGED,
      approvers: async () => [],
      publishCheck: async () => 1,
    };
    const { io, calls } = fakeIo();
    const result = await run(inputs(), io, () => github);
    expect(result?.controls.find((c) => c.controlId === 'GA-29')?.result).not.toBe('pass');
    expect(calls.failed).toHaveLength(1);
  });

  it('warns, without failing a passing gate, when the token cannot write checks', async () => {
    const github: WorkflowGitHub = {
      commitEvidence: async () => [],
      changedFiles: async () => CHANGED,
      approvers: async () => ['octocat'],
      publishCheck: async () => {
        throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
      },
    };
    const { io, calls } = fakeIo();
    const result = await run(inputs(), io, () => github);
    expect(result?.conclusion).toBe('success');
    expect(calls.warnings).toEqual(['The workflow token cannot create check runs (HTTP 403): add "permissions: checks: write" to the job, or set check-run: false.']);
    expect(calls.failed).toEqual([]);
  });
});

describe('the root action with a token (GitHub answered by nock)', () => {
  pinGitHubRequests();

  it('makes the app\'s requests with the workflow token: artifacts, download, files, reviews, permission, check run', async () => {
    const zip = await exampleArtifact();
    const checks: any[] = [];
    const scope = nock(API, { reqheaders: { authorization: 'token ghs_workflow' } })
      .get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 1, workflow_runs: [producingRun()] })
      .get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 1, artifacts: [artifactRecord(REPO, 21, { name: 'maestro-evidence-gates', size: zip.length, sha: SHA })] })
      .get(`${REPO}/actions/artifacts/21/zip`).reply(302, '', { location: `${BLOB}/artifact-21.zip` })
      .get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, CHANGED.map((filename) => ({ filename, status: 'modified' })))
      .get(`${REPO}/pulls/2/reviews`).query({ per_page: 100 }).reply(200, [{ id: 1, user: { login: 'octocat' }, state: 'APPROVED' }])
      .get(`${REPO}/collaborators/octocat/permission`).reply(200, { permission: 'write', role_name: 'write', user: { login: 'octocat' } })
      .post(`${REPO}/check-runs`, (body) => checks.push(body) > 0).reply(201, { id: 99 });
    const blob = nock(BLOB).get('/artifact-21.zip').reply(200, zip);
    const { io, calls } = fakeIo();
    const result = await run(inputs({ evidence: 'not-downloaded' }), io, (repo) => createWorkflowGitHub('ghs_workflow', repo, { fetch: globalThis.fetch }));
    expect(scope.isDone() && blob.isDone()).toBe(true);
    expect(result?.conclusion).toBe('success');
    expect(checks[0]).toMatchObject({ name: 'Enforce GA Gates Evidence', head_sha: SHA, status: 'completed', conclusion: 'success' });
    expect(calls.failed).toEqual([]);
  });
});
