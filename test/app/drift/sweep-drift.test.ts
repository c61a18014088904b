import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { FIX_BRANCH, FIX_MARKER, sweepDrift, type DriftSweepOptions } from '../../../app/drift/sweep-drift.js';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import { workflows } from '../../core/drift/drift-fixtures.js';
import '../../helpers/build-evidence.js';
import '../../helpers/github-app.js';
import { asFixApp, fakeFixer } from './drift-fixer.js';

const API = 'https://api.github.com';
const OWNER = 'acme';
const FIXTURES = ['drifted', 'extra-jobs', 'fixed', 'invalid', 'missing-workflow', 'healed'] as const;
const baseSha = (repo: string) => createHash('sha1').update(`base ${repo}`).digest('hex');
/** The body of the request being answered: nock gives it to a body matcher, and the sweep's requests come one at a time. */
// nock 15 calls a reply function with the fetch Request (a second parameter would be a callback to call): the parsed body is taken by a body matcher instead.
let captured: any;
const capture = (body: unknown) => ((captured = body), true);
const hash = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex');

/** A small GitHub: the repositories' workflows and fix branches, changed by the requests the sweep makes. */
interface RepoState {
  files: Array<{ path: string; text: string }>;
  branch?: { sha: string; tree: string; parent: string };
  pull?: { number: number; url: string; body: string };
}
let state: Record<string, RepoState>;
let trees: Record<string, string>;
let commits: Record<string, { tree: string; parent: string }>;
let requests: string[];

function resetState(): void {
  trees = {};
  commits = {};
  requests = [];
  state = Object.fromEntries(FIXTURES.map((name) => [name, { files: workflows(name === 'healed' ? 'fixed' : name) }]));
  // A repository fixed by hand since the last sweep: its fix pull request is still open.
  state.healed!.branch = { sha: 'f'.repeat(40), tree: 'e'.repeat(40), parent: baseSha('healed') };
  state.healed!.pull = { number: 7, url: `https://github.com/${OWNER}/healed/pull/7`, body: 'old' };
}

function repoNode(name: string): Record<string, unknown> {
  const repo = state[name]!;
  return {
    nameWithOwner: `${OWNER}/${name}`,
    defaultBranchRef: { name: 'main', target: { oid: baseSha(name) } },
    workflows: { entries: repo.files.map((f) => ({ name: f.path.split('/').at(-1), type: 'blob', object: { text: f.text, isBinary: false, isTruncated: false } })) },
    fix: repo.branch ? { target: { oid: repo.branch.sha, tree: { oid: repo.branch.tree }, parents: { nodes: [{ oid: repo.branch.parent }] } }, associatedPullRequests: { nodes: repo.pull ? [repo.pull] : [] } } : null,
  };
}

/** How many of each write a sweep is expected to make: the scope is done only when each was made exactly so often. */
interface Writes {
  fixes: number;
  commits: number;
  pulls: number;
  close: boolean;
  /** Repositories whose open fix pull request gets a new commit and body. */
  updates?: string[];
}

/** The interceptors of one sweep, each answered from the state (and changing it as GitHub would). */
function githubScope(writes: Writes): nock.Scope {
  // The reply function's Request has the absolute URL.
  const repoPath = (request: Request) => /\/repos\/acme\/([^/]+)\//.exec(request.url)![1]!;
  const scope = nock(API, { reqheaders: { authorization: 'token ghs_test' } })
    .get('/installation/repositories').query({ per_page: 100 })
    .reply(200, () => {
      requests.push('GET /installation/repositories');
      return { total_count: FIXTURES.length, repositories: [...FIXTURES.map((name) => ({ name, owner: { login: OWNER }, archived: false })), { name: 'old', owner: { login: OWNER }, archived: true }] };
    })
    .post('/graphql', capture)
    .reply(200, () => {
      const body = captured;
      requests.push('POST /graphql');
      expect(body.variables.branch).toBe(`refs/heads/${FIX_BRANCH}`);
      const data: Record<string, unknown> = {};
      for (let i = 0; body.variables[`n${i}`] !== undefined; i++) data[`r${i}`] = repoNode(body.variables[`n${i}`]);
      return { data };
    });
  // Every write is the drift-fix App's: its interceptors answer only its token.
  const fix = asFixApp();
  if (writes.fixes > 0) {
    fix.post(/\/repos\/acme\/[^/]+\/git\/trees$/, capture).times(writes.fixes).reply(201, (request: Request) => {
      requests.push(`POST ${repoPath(request)} tree`);
      const sha = hash(captured);
      trees[sha] = JSON.stringify(captured.tree);
      return { sha, url: `${API}/repos/acme/${repoPath(request)}/git/trees/${sha}`, tree: [], truncated: false };
    });
  }
  if (writes.commits > 0) {
    fix.post(/\/repos\/acme\/[^/]+\/git\/commits$/, capture).times(writes.commits).reply(201, (request: Request) => {
      requests.push(`POST ${repoPath(request)} commit`);
      const sha = hash(captured);
      commits[sha] = { tree: captured.tree, parent: captured.parents[0] };
      return { sha, tree: { sha: captured.tree }, parents: captured.parents.map((p: string) => ({ sha: p })), message: captured.message };
    });
  }
  const created = writes.commits - (writes.updates?.length ?? 0);
  if (created > 0) {
    fix.post(/\/repos\/acme\/[^/]+\/git\/refs$/, capture).times(created).reply(201, (request: Request) => {
      const name = repoPath(request);
      requests.push(`POST ${name} ref`);
      expect(captured.ref).toBe(`refs/heads/${FIX_BRANCH}`);
      state[name]!.branch = { sha: captured.sha, ...commits[captured.sha]! };
      return { ref: captured.ref, object: { sha: captured.sha, type: 'commit' } };
    });
  }
  if (writes.pulls > 0) {
    fix.post(/\/repos\/acme\/[^/]+\/pulls$/, capture).times(writes.pulls).reply(201, (request: Request) => {
      const name = repoPath(request);
      requests.push(`POST ${name} pull`);
      expect(captured).toMatchObject({ head: FIX_BRANCH, base: 'main', title: 'Restore the CI template' });
      state[name]!.pull = { number: 1, url: `https://github.com/acme/${name}/pull/1`, body: captured.body };
      return { number: 1, html_url: state[name]!.pull!.url };
    });
  }
  for (const name of writes.updates ?? []) {
    fix
      .patch(`/repos/acme/${name}/git/refs/${encodeURIComponent(`heads/${FIX_BRANCH}`)}`, capture)
      .reply(200, () => {
        requests.push(`PATCH ${name} ref`);
        expect(captured.force).toBe(true);
        state[name]!.branch = { sha: captured.sha, ...commits[captured.sha]! };
        return { ref: `refs/heads/${FIX_BRANCH}`, object: { sha: captured.sha, type: 'commit' } };
      })
      .patch(`/repos/acme/${name}/pulls/1`, capture)
      .reply(200, () => {
        requests.push(`PATCH ${name} pull body`);
        state[name]!.pull!.body = captured.body;
        return { number: 1, html_url: state[name]!.pull!.url };
      });
  }
  if (writes.close) {
    fix
      .post('/repos/acme/healed/issues/7/comments')
      .reply(201, () => (requests.push('POST healed comment'), { id: 1 }))
      .patch('/repos/acme/healed/pulls/7', { state: 'closed' })
      .reply(200, () => {
        requests.push('PATCH healed pull closed');
        delete state.healed!.pull;
        return { number: 7, state: 'closed' };
      })
      // Octokit encodes the ref parameter whole, slashes included, as GitHub accepts.
      .delete(`/repos/acme/healed/git/refs/${encodeURIComponent(`heads/${FIX_BRANCH}`)}`)
      .reply(204, () => {
        requests.push('DELETE healed ref');
        delete state.healed!.branch;
        return '';
      });
  }
  return { isDone: () => scope.isDone() && fix.isDone() } as nock.Scope;
}

const FIRST: Writes = { fixes: 3, commits: 3, pulls: 3, close: true };

const octokit = () => new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } });
const readOnly: DriftSweepOptions = { template: workflows('template'), templateSource: 'acme/ci-templates/.github/workflows', now: '2026-11-20T06:00:00Z', producer: { name: 'maestro-app', version: '0.1.0' } };
const options: DriftSweepOptions = { ...readOnly, fixer: fakeFixer() };

describe('sweepDrift', () => {
  beforeEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
    resetState();
  });

  describe('the first sweep', () => {
    it('opens one fix pull request per drifted repository, closes the healed one, and leaves clean and invalid ones alone', async () => {
      const scope = githubScope(FIRST);
      const results = await sweepDrift(octokit(), options);
      expect(results.map((r) => [r.repo, r.status, r.action])).toEqual([
        ['acme/drifted', 'drift', 'open'],
        ['acme/extra-jobs', 'drift', 'open'],
        ['acme/fixed', 'clean', 'none'],
        ['acme/invalid', 'invalid', 'skip-invalid'],
        ['acme/missing-workflow', 'drift', 'open'],
        ['acme/healed', 'clean', 'close'],
      ]);
      // GitHub API requests per repository, pinned: 2 for the whole listing, 4 per opened pull request, 3 to close one.
      expect(requests).toEqual([
        'GET /installation/repositories',
        'POST /graphql',
        ...['drifted', 'extra-jobs', 'missing-workflow'].flatMap((r) => [`POST ${r} tree`, `POST ${r} commit`, `POST ${r} ref`, `POST ${r} pull`]),
        'POST healed comment', 'PATCH healed pull closed', 'DELETE healed ref',
      ]);
      expect(state['extra-jobs']!.pull!.body.startsWith(FIX_MARKER)).toBe(true);
      expect(JSON.parse(trees[state['extra-jobs']!.branch!.tree]!)).toEqual([{ path: '.github/workflows/test.yml', mode: '100644', type: 'blob', content: expect.stringContaining('test-deno:') }]);
      expect(scope.isDone()).toBe(true);
    });

    it('writes a valid drift-report per repository, naming the fix pull request', async () => {
      githubScope(FIRST);
      const results = await sweepDrift(octokit(), options);
      for (const r of results) expect(parseEvidence(Buffer.from(JSON.stringify(r.report)), `${r.repo}.json`).status).toBe('valid');
      expect(results[0]!.report).toMatchObject({ subject: { repo: 'acme/drifted', sha: baseSha('drifted') }, data: { status: 'drift', pr: 'https://github.com/acme/drifted/pull/1' } });
      expect(results[5]!.report).toMatchObject({ data: { status: 'clean', pr: null } });
    });
  });

  it('opens no second pull request when it runs again: only the tree is rebuilt to see that nothing changed', async () => {
    githubScope(FIRST);
    await sweepDrift(octokit(), options);
    requests = [];
    const scope = githubScope({ fixes: 3, commits: 0, pulls: 0, close: false });
    const again = await sweepDrift(octokit(), options);
    expect(again.filter((r) => r.action === 'update').map((r) => r.repo)).toEqual(['acme/drifted', 'acme/extra-jobs', 'acme/missing-workflow']);
    expect(requests).toEqual(['GET /installation/repositories', 'POST /graphql', 'POST drifted tree', 'POST extra-jobs tree', 'POST missing-workflow tree']);
    expect(scope.isDone()).toBe(true);
  });

  it('updates the open pull request in place when the drift changed: a new commit on the same branch and the new report', async () => {
    githubScope(FIRST);
    await sweepDrift(octokit(), options);
    requests = [];
    const codeql = state.drifted!.files.find((f) => f.path.endsWith('codeql.yml'))!;
    codeql.text = codeql.text.replace('github/codeql-action/init@df409f7d9260372bd5f19e5b04e83cb3c43714ae # v3.27.9', 'github/codeql-action/init@v3');
    const scope = githubScope({ fixes: 3, commits: 1, pulls: 0, close: false, updates: ['drifted'] });
    const again = await sweepDrift(octokit(), options);
    expect(requests).toEqual(['GET /installation/repositories', 'POST /graphql', 'POST drifted tree', 'POST drifted commit', 'PATCH drifted ref', 'PATCH drifted pull body', 'POST extra-jobs tree', 'POST missing-workflow tree']);
    expect(again[0]).toMatchObject({ repo: 'acme/drifted', action: 'update', files: ['.github/workflows/codeql.yml', '.github/workflows/test.yml'], pullUrl: 'https://github.com/acme/drifted/pull/1' });
    expect(state.drifted!.pull!.body).toContain('uses github/codeql-action/init at v3');
    expect(scope.isDone()).toBe(true);
  });

  it('in a dry run makes the same reads, lists what it would do, and writes nothing', async () => {
    const scope = githubScope({ fixes: 0, commits: 0, pulls: 0, close: false });
    const results = await sweepDrift(octokit(), { ...options, dryRun: true });
    expect(requests).toEqual(['GET /installation/repositories', 'POST /graphql']);
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => [r.repo, r.action, r.files])).toEqual([
      ['acme/drifted', 'open', ['.github/workflows/test.yml']],
      ['acme/extra-jobs', 'open', ['.github/workflows/test.yml']],
      ['acme/fixed', 'none', []],
      ['acme/invalid', 'skip-invalid', []],
      ['acme/missing-workflow', 'open', ['.github/workflows/codeql.yml']],
      ['acme/healed', 'close', []],
    ]);
    expect(results.every((r) => r.dryRun)).toBe(true);
  });

  it('defers repositories past its write budget to the next sweep', async () => {
    const scope = githubScope({ fixes: 1, commits: 1, pulls: 1, close: false });
    const results = await sweepDrift(octokit(), { ...options, maxRepoWrites: 1 });
    expect(results.map((r) => r.action)).toEqual(['open', 'deferred', 'none', 'skip-invalid', 'deferred', 'deferred']);
    expect(scope.isDone()).toBe(true);
  });
});

describe('a sweep of 1,000 repositories', () => {
  beforeEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
  });

  it('reads them in 10 REST pages and 40 GraphQL queries, and writes 4 requests per new fix pull request', async () => {
    const names = Array.from({ length: 1000 }, (_v, i) => `repo-${String(i).padStart(4, '0')}`);
    const drifted = new Set(names.filter((_n, i) => i % 10 === 0));
    const files = { clean: workflows('fixed'), drift: workflows('drifted') };
    const counts: Record<string, number> = {};
    const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
    const scope = nock(API);
    for (let page = 1; page <= 10; page++) {
      const next: Record<string, string> = page < 10 ? { link: `<${API}/installation/repositories?per_page=100&page=${page + 1}>; rel="next"` } : {};
      scope
        .get('/installation/repositories')
        .query(page === 1 ? { per_page: 100 } : { per_page: 100, page })
        .reply(200, () => (count('rest list'), { total_count: 1000, repositories: names.slice((page - 1) * 100, page * 100).map((name) => ({ name, owner: { login: OWNER }, archived: false })) }), next);
    }
    scope.post('/graphql', capture).times(40).reply(200, () => {
      count('graphql');
      const data: Record<string, unknown> = {};
      for (let i = 0; captured.variables[`n${i}`] !== undefined; i++) {
        const name = captured.variables[`n${i}`] as string;
        const texts = drifted.has(name) ? files.drift : files.clean;
        data[`r${i}`] = { nameWithOwner: `${OWNER}/${name}`, defaultBranchRef: { name: 'main', target: { oid: baseSha(name) } }, workflows: { entries: texts.map((f) => ({ name: f.path.split('/').at(-1), type: 'blob', object: { text: f.text, isBinary: false, isTruncated: false } })) }, fix: null };
      }
      return { data };
    });
    scope.post(/\/git\/trees$/).times(100).reply(201, () => (count('tree'), { sha: 'a'.repeat(40) }));
    scope.post(/\/git\/commits$/).times(100).reply(201, () => (count('commit'), { sha: 'b'.repeat(40) }));
    scope.post(/\/git\/refs$/).times(100).reply(201, () => (count('ref'), { ref: 'x' }));
    scope.post(/\/pulls$/).times(100).reply(201, () => (count('pull'), { number: 1, html_url: 'https://github.com/acme/x/pull/1' }));
    const results = await sweepDrift(octokit(), { ...options, maxRepoWrites: 100 });
    expect(results).toHaveLength(1000);
    expect(results.filter((r) => r.action === 'open')).toHaveLength(100);
    expect(counts).toEqual({ 'rest list': 10, graphql: 40, tree: 100, commit: 100, ref: 100, pull: 100 });
    expect(scope.isDone()).toBe(true);
  });
});
