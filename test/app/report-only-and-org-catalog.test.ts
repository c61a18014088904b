import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { EVENT_AT } from '../helpers/clock.js';
import { apiRequests, createTestApp, examplePayload, INSTALLATION, pinGitHubRequests, tokenScope } from '../helpers/github-app.js';

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const ORG_SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const CONFIG_PATH = `${REPO}/contents/.github%2Fmaestro.yml`;
const ORG_CONFIG_PATH = '/repos/Codertocat/.github/contents/.github%2Fmaestro.yml';
const ORG_DIR = '/repos/Codertocat/.github/contents/maestro%2Fcontrols';
const YAML = { 'content-type': 'text/plain; charset=utf-8' };

/** An org control that applies to every pull request and is met only by an approved link. */
const ORG_CONTROL = [
  'id: ORG-01', 'title: Change record', 'priority: P0', 'blocking: true', 'description: Every change has a change record.',
  'frameworks: { soc2: [CC8.1], iso27001: [A.8.32], ssdf: [PO.3.3] }', 'applies: { always: true }',
  'evidence:', '  - { kind: link, description: A reviewer approved the link to the change record., scope: commit, maxAge: P30D, link: true }', '',
].join('\n');

function openedPayload(): Record<string, any> {
  const payload = examplePayload('pull_request', 'opened');
  payload.installation = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  payload.pull_request.updated_at = EVENT_AT;
  return payload;
}

/**
 * Every request of a new PR's evaluation with no evidence: token, runs, the configs (the repo's,
 * else the org's), whatever `extra` adds (the org catalog), artifacts, files, then the check run
 * and the comment, their bodies captured.
 */
function evaluationScopes(configs: { repo?: string; org?: string }, captured: { checks: any[]; comments: any[] }, extra: (scope: nock.Scope) => void = () => {}, files = ['README.md']): nock.Scope[] {
  const scope = nock(API);
  scope.get(CONFIG_PATH).reply(configs.repo === undefined ? 404 : 200, configs.repo ?? { message: 'Not Found' }, YAML);
  scope.get(ORG_CONFIG_PATH).reply(configs.org === undefined ? 404 : 200, configs.org ?? { message: 'Not Found' }, YAML);
  extra(scope);
  scope
    .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 0, artifacts: [] })
    .get(`${REPO}/pulls/2/files`).query(true).reply(200, files.map((filename) => ({ filename, status: 'modified', additions: 1, deletions: 0, changes: 1 })));
  return [
    tokenScope(),
    nock(API).get(`${REPO}/actions/runs`).query(true).reply(200, { total_count: 0, workflow_runs: [] }),
    scope,
    nock(API).post(`${REPO}/issues/2/comments`).optionally().reply(201, async (request: Request) => (captured.comments.push(await request.json()), { id: 555 })),
    nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (captured.checks.push(await request.json()), { id: 777 })),
  ];
}

/** The org catalog at ORG_SHA: the commit, the folder listing and each file. */
function orgCatalog(files: Record<string, string>) {
  return (scope: nock.Scope): void => {
    scope.get('/repos/Codertocat/.github/commits/HEAD').reply(200, ORG_SHA, { 'content-type': 'application/vnd.github.sha; charset=utf-8', etag: '"h"' });
    scope.get(ORG_DIR).query({ ref: ORG_SHA }).reply(200, Object.keys(files).map((name) => ({ type: 'file', name, path: `maestro/controls/${name}`, size: files[name]!.length })));
    for (const [name, text] of Object.entries(files)) scope.get(`${ORG_DIR}%2F${name}`).query({ ref: ORG_SHA }).reply(200, text, YAML);
  };
}

async function evaluate(scopes: nock.Scope[], payload = openedPayload()): Promise<number> {
  const { probot, app } = await createTestApp();
  await probot.receive({ id: 'd', name: 'pull_request', payload } as never);
  await app.queue!.onIdle();
  for (const scope of scopes) expect(scope.isDone()).toBe(true);
  const requests = await apiRequests(app);
  await app.close();
  return requests;
}

describe('the app in report-only mode', () => {
  pinGitHubRequests();

  it('concludes neutral with "report-only: this pull request would fail N controls", and still comments in on-failure mode', async () => {
    const captured = { checks: [] as any[], comments: [] as any[] };
    // The org config sets report-only for every repository without a config of its own.
    const scopes = evaluationScopes({ org: 'mode: report-only\ncomment:\n  mode: on-failure\n' }, captured);
    // runs, config (repo + org; the org file is read once and then remembered), artifacts, files, comment, check run
    expect(await evaluate(scopes)).toBe(7);
    expect(captured.checks[0]).toMatchObject({ name: 'Enforce GA Gates Evidence', conclusion: 'neutral' });
    expect(captured.checks[0].output.title).toBe('report-only: this pull request would fail 1 control (GA-30); mode: report-only, so the check does not block.');
    expect(captured.checks[0].output.summary).toContain('### 👀 report-only, would fail: Enforce GA Gates Evidence');
    expect(captured.checks[0].output.summary).toContain('**Report-only mode** (set by `Codertocat/.github:.github/maestro.yml`): this check does not block merging. In enforce mode it would fail GA-30.');
    expect(captured.comments[0].body).toContain('report-only: this pull request would fail 1 control (GA-30)');
  });

  it('refuses a repository config that relaxes the org\'s enforce: action_required naming the key mode and both files', async () => {
    const captured = { checks: [] as any[], comments: [] as any[] };
    const scopes = evaluationScopes({ repo: 'mode: report-only\n', org: 'mode: enforce\n' }, captured);
    await evaluate(scopes);
    expect(captured.checks[0].conclusion).toBe('action_required');
    expect(captured.checks[0].output.title).toContain('(mode: report-only is set by Codertocat/Hello-World:.github/maestro.yml, but Codertocat/.github:.github/maestro.yml sets mode: enforce');
    expect(captured.checks[0].output.annotations[0]).toMatchObject({ path: '.github/maestro.yml', title: 'Invalid config: mode', start_line: 1 });
  });

  it('shows a pull request\'s own switch to report-only as a weakening, without applying it', async () => {
    const captured = { checks: [] as any[], comments: [] as any[] };
    const headConfig = (scope: nock.Scope) => void scope.get(CONFIG_PATH).query({ ref: SHA }).reply(200, 'mode: report-only\n', YAML);
    const scopes = evaluationScopes({}, captured, headConfig, ['.github/maestro.yml']);
    await evaluate(scopes);
    expect(captured.checks[0].conclusion).toBe('failure');
    expect(captured.checks[0].output.summary).toContain('> ⚠️ This pull request sets mode: report-only in .github/maestro.yml at ec26c3e: once merged, the gate of this repository only reports and no longer blocks merging. The change does not apply to this pull request.');
  });
});

describe('the app with the org\'s own catalog', () => {
  pinGitHubRequests();

  it('judges with the shipped controls and the org\'s (catalog source org, extend), and names the catalog that decided', async () => {
    const captured = { checks: [] as any[], comments: [] as any[] };
    const scopes = evaluationScopes({ org: 'catalog:\n  source: org\n' }, captured, orgCatalog({ 'org-01.yml': ORG_CONTROL }));
    await evaluate(scopes);
    expect(captured.checks[0].conclusion).toBe('failure');
    expect(captured.checks[0].output.title).toBe('2 of 2 applicable controls are not met: GA-30, ORG-01.');
    // (an @ is escaped with a zero-width space, so that GitHub mentions nobody)
    expect(captured.checks[0].output.summary.replace(/\u200b/g, '')).toMatch(/ · catalog `[0-9a-f]{12}` \(org Codertocat\/\.github@1a2b3c4 maestro\/controls, 1 file, extending shipped v0\.1\.0\)/);
  });

  it('applies the org catalog to a repository whose own config does not extend the org\'s', async () => {
    const captured = { checks: [] as any[], comments: [] as any[] };
    const scopes = evaluationScopes({ repo: 'checkName: Gate\n', org: 'catalog:\n  source: org\n  mode: replace\n' }, captured, orgCatalog({ 'org-01.yml': ORG_CONTROL }));
    await evaluate(scopes);
    expect(captured.checks[0]).toMatchObject({ name: 'Gate', conclusion: 'failure' });
    expect(captured.checks[0].output.title).toBe('1 of 1 applicable controls is not met: ORG-01.');
  });

  it('concludes action_required for an invalid org catalog, naming the file in the org repository, the key and the remedy', async () => {
    const captured = { checks: [] as any[], comments: [] as any[] };
    const scopes = evaluationScopes({ org: 'catalog:\n  source: org\n' }, captured, orgCatalog({ 'org-01.yml': ORG_CONTROL.replace('priority: P0', 'priority: P0\npriority: P1') }));
    await evaluate(scopes);
    expect(captured.checks[0].conclusion).toBe('action_required');
    expect(captured.checks[0].output.title).toMatch(/^The catalog of controls is invalid \(maestro\/controls\/org-01\.yml in Codertocat\/\.github line 4: not valid YAML: duplicate key "priority" at the top level \(lines 3 and 4\): a key may appear only once in a mapping; fix the YAML at that line/);
    expect(captured.checks[0].output.summary).toContain('`catalog`');
    expect(captured.checks[0].output.summary.replace(/\\/g, '')).toContain('maestro/controls/org-01.yml in Codertocat/.github line 4: not valid YAML: duplicate key "priority"');
  });
});
