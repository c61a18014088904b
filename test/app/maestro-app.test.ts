import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { Probot } from 'probot';
import { DEFAULT_EVIDENCE_LIMITS } from '../../adapters/github/collect-evidence.js';
import type { MaestroApp } from '../../app/maestro-app.js';
import { GATE_NOTES_MARKER } from '../../core/render/render-gate-notes.js';
import { artifactRecord, driftReport as driftReportFor, producingRun } from '../helpers/evidence-artifacts.js';
import { EVENT_AT } from '../helpers/clock.js';
import { APP_ID, BOT, INSTALLATION, apiRequests, createTestApp, examplePayload, pinGitHubRequests, tokenScope, zipOf } from '../helpers/github-app.js';

const API = 'https://api.github.com';
const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const CONFIG_PATH = `${REPO}/contents/.github%2Fmaestro.yml`;
const ORG_CONFIG_PATH = '/repos/Codertocat/.github/contents/.github%2Fmaestro.yml';

function openedPayload(overrides: { body?: string; draft?: boolean; action?: string } = {}): Record<string, any> {
  const payload = examplePayload('pull_request', 'opened');
  payload.installation = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  payload.pull_request.updated_at = EVENT_AT;
  if (overrides.body !== undefined) payload.pull_request.body = overrides.body;
  if (overrides.draft !== undefined) payload.pull_request.draft = overrides.draft;
  if (overrides.action) payload.action = overrides.action;
  return payload;
}

function driftReport(status: 'clean' | 'drift', sha = SHA): string {
  return driftReportFor('Codertocat/Hello-World', sha, status);
}

function artifact(id: number, name = 'maestro-evidence-drift', size = 600, sha = SHA): Record<string, unknown> {
  return artifactRecord(REPO, id, { name, size, sha });
}

/**
 * Requests of the data-gathering part of an evaluation: config (absent in repo and org; the org's
 * absence is remembered for a few minutes, so `org: false` after the first), artifacts, files.
 */
function gatherScope(zip: Buffer | undefined, options: { files?: string[]; org?: boolean } = {}): nock.Scope {
  const scope = nock(API).get(CONFIG_PATH).reply(404, { message: 'Not Found' });
  if (options.org !== false) scope.get(ORG_CONFIG_PATH).reply(404, { message: 'Not Found' });
  scope
    .get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: zip ? 1 : 0, artifacts: zip ? [artifact(11)] : [] })
    .get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, (options.files ?? ['README.md']).map((filename) => ({ filename, status: 'modified', additions: 1, deletions: 0, changes: 1 })));
  if (zip) scope.get(`${REPO}/actions/artifacts/11/zip`).reply(302, '', { location: `${BLOB}/artifact-11.zip` });
  return scope;
}

function blobScope(zip: Buffer): nock.Scope {
  return nock(BLOB).get('/artifact-11.zip').reply(200, zip, { 'content-type': 'application/zip' });
}

/**
 * Every request of a first evaluation of a new PR: token, workflow runs (none), config, artifacts,
 * the download, files, then the comment and the check run created (their bodies captured).
 */
function newPullScopes(zip: Buffer | undefined, captured: { checks?: any[]; comments?: any[] } = {}): nock.Scope[] {
  return [
    tokenScope(),
    // The run that uploaded the artifact: its workflow file, unchanged by the PR, makes the evidence count.
    nock(API).get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, zip ? { total_count: 1, workflow_runs: [producingRun()] } : { total_count: 0, workflow_runs: [] }),
    gatherScope(zip),
    ...(zip ? [blobScope(zip)] : []),
    nock(API).post(`${REPO}/issues/2/comments`).once().reply(201, async (request: Request) => (captured.comments?.push(await request.json()), { id: 555 })),
    nock(API).post(`${REPO}/check-runs`).once().reply(201, async (request: Request) => (captured.checks?.push(await request.json()), { id: 777 })),
  ];
}

/** Delivers one event and waits until the queue has done everything it caused. */
async function deliver(probot: Probot, app: MaestroApp, name: string, payload: Record<string, any>, id = 'delivery'): Promise<void> {
  await probot.receive({ id, name, payload } as never);
  await app.queue!.onIdle();
}

describe('the app on pull_request events', () => {
  pinGitHubRequests();

  it('on a new PR: one check run and one comment, from the evidence artifacts of the head commit, in 7 API requests plus the download (no config in the repo, so the org .github repo is asked too)', async () => {
    const { probot, app } = await createTestApp();
    const zip = await zipOf({ 'drift-report.json': driftReport('clean'), 'screenshot.png': Buffer.alloc(100) });
    const checks: any[] = [];
    const comments: any[] = [];
    const scopes = newPullScopes(zip, { checks, comments });
    await deliver(probot, app, 'pull_request', openedPayload());
    for (const scope of scopes) expect(scope.isDone()).toBe(true);

    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'Enforce GA Gates Evidence', head_sha: SHA, status: 'completed', conclusion: 'success' });
    expect(checks[0].actions).toEqual([{ label: 'Re-run gates', description: 'Evaluate the evidence again', identifier: 'rerun' }]);
    expect(checks[0].output.summary).toContain('GA-30');
    expect(comments).toHaveLength(1);
    expect(comments[0].body.startsWith(GATE_NOTES_MARKER)).toBe(true);
    // runs, config (repo + org), artifacts, files, comment, check run; plus the one artifact download
    expect(await apiRequests(app)).toBe(8);
    await app.close();
  });

  it('waits while workflow runs of the commit are in progress, then decides once when the last completes', async () => {
    const { probot, app } = await createTestApp();
    const zip = await zipOf({ 'drift-report.json': driftReport('clean') });
    const created: any[] = [];
    const updated: any[] = [];
    const runs = [
      { id: 30433642, name: 'gates', status: 'in_progress', path: '.github/workflows/gates.yml', created_at: '2026-11-20T11:29:00Z' },
      { id: 30433643, name: 'a11y', status: 'queued', path: '.github/workflows/a11y.yml', created_at: '2026-11-20T11:29:01Z' },
    ];
    const waiting = [
      tokenScope(),
      nock(API).get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 2, workflow_runs: runs }),
      nock(API).get(CONFIG_PATH).reply(404, {}).get(ORG_CONFIG_PATH).reply(404, {}),
      nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (created.push(await request.json()), { id: 777 })),
    ];
    await probot.receive({ id: 'd-push', name: 'pull_request', payload: openedPayload({ action: 'synchronize' }) as never });
    await app.queue!.onIdle();
    for (const scope of waiting) expect(scope.isDone()).toBe(true);
    expect(created).toEqual([expect.objectContaining({ status: 'in_progress', name: 'Enforce GA Gates Evidence', head_sha: SHA })]);
    expect(created[0].output.title).toBe('Waiting for 2 workflow runs');

    // The first run completes: the other is still going, so nothing is asked of GitHub.
    const before = await apiRequests(app);
    const first = examplePayload('workflow_run', 'completed');
    Object.assign(first.workflow_run, { id: 30433642, name: 'gates', head_sha: SHA, pull_requests: [{ number: 2, id: 1, url: '', head: { ref: 'changes', sha: SHA, repo: { id: 186853002, url: '', name: 'Hello-World' } }, base: { ref: 'master', sha: 'f'.repeat(40), repo: { id: 186853002, url: '', name: 'Hello-World' } } }] });
    first.installation = { id: INSTALLATION };
    first.repository = openedPayload().repository;
    await probot.receive({ id: 'd-run-1', name: 'workflow_run', payload: first as never });
    await app.queue!.onIdle();
    expect(await apiRequests(app)).toBe(before);

    // The last run completes: one evaluation, which updates the same check run.
    const second = structuredClone(first);
    second.workflow_run.id = 30433643;
    second.workflow_run.name = 'a11y';
    const final = [
      gatherScope(zip, { org: false }),
      blobScope(zip),
      nock(API).get(`${REPO}/issues/2/comments`).query({ per_page: 100 }).reply(200, []),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
      nock(API).patch(`${REPO}/check-runs/777`).reply(200, async (request: Request) => (updated.push(await request.json()), { id: 777 })),
    ];
    await probot.receive({ id: 'd-run-2', name: 'workflow_run', payload: second as never });
    await app.queue!.onIdle();
    for (const scope of final) expect(scope.isDone()).toBe(true);
    expect(updated).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    await app.close();
  });

  it('gives one check run and one comment for a redelivery and a concurrent duplicate of the same delivery', async () => {
    const { probot, app } = await createTestApp();
    const zip = await zipOf({ 'drift-report.json': driftReport('clean') });
    const scopes = newPullScopes(zip);
    const payload = openedPayload();
    await Promise.all([
      probot.receive({ id: 'same-delivery', name: 'pull_request', payload: payload as never }),
      probot.receive({ id: 'same-delivery', name: 'pull_request', payload: payload as never }),
      probot.receive({ id: 'same-delivery', name: 'pull_request', payload: payload as never }),
    ]);
    await app.queue!.onIdle();
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    await app.close();
  });

  it('fails the gate with a clear invalid decision for a zip with ../ entries and for an artifact of non-JSON files', async () => {
    const { probot, app } = await createTestApp();
    // yazl refuses to write "../": write "xx/" and patch the name bytes (local header and central directory).
    const built = await zipOf({ 'xx/escape.json': driftReport('clean'), 'notes.txt': 'hello' });
    const zip = Buffer.from(built.toString('latin1').replaceAll('xx/escape.json', '../escape.json'), 'latin1');
    const checks: any[] = [];
    const scopes = newPullScopes(zip, { checks });
    await deliver(probot, app, 'pull_request', openedPayload());
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(checks[0].conclusion).toBe('failure');
    expect(checks[0].output.summary).toContain('escape.json');
    await app.close();
  });

  it('refuses an artifact above the size limit without downloading it', async () => {
    const { probot, app } = await createTestApp();
    const checks: any[] = [];
    const scopes = [
      tokenScope(),
      nock(API).get(`${REPO}/actions/runs`).query(true).reply(200, { total_count: 0, workflow_runs: [] }),
      nock(API)
        .get(CONFIG_PATH).reply(404, {})
        .get(ORG_CONFIG_PATH).reply(404, {})
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 1, artifacts: [artifact(11, 'maestro-evidence-huge', 500 * 1024 * 1024)] })
        .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md' }]),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
      nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
    ];
    await probot.receive({ id: 'd', name: 'pull_request', payload: openedPayload() as never });
    await app.queue!.onIdle();
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(checks[0].conclusion).toBe('failure');
    expect(checks[0].output.summary).toContain('maestro-evidence-huge');
    expect(checks[0].output.summary).toMatch(/more than the limit/);
    await app.close();
  });

  it('cuts a 500 MB download that claimed to be small once it passes the limit, with memory bounded, and fails the gate', async () => {
    const limit = 8 * 1024 * 1024;
    const { probot, app } = await createTestApp({ limits: { ...DEFAULT_EVIDENCE_LIMITS, maxArtifactBytes: limit } });
    // A real loopback server stands in for the blob store, sending 500 MB lazily, 1 MiB at a time,
    // for as long as the client reads: it counts what the app pulled before it hung up.
    let produced = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x50);
    const blobStore = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(500 * 1024 * 1024) });
      const pump = (): void => {
        while (produced < 500 * 1024 * 1024) {
          produced += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await new Promise<void>((resolve) => blobStore.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    const blobUrl = `http://127.0.0.1:${(blobStore.address() as AddressInfo).port}/artifact-11.zip`;
    const checks: any[] = [];
    const scopes = [
      tokenScope(),
      nock(API).get(`${REPO}/actions/runs`).query(true).reply(200, { total_count: 0, workflow_runs: [] }),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
      // (nock also offers other requests' empty bodies to this matcher: keep only the check run's)
      nock(API).post(`${REPO}/check-runs`, (body) => (typeof body === 'object' && checks.push(body), typeof body === 'object')).reply(201, { id: 777 }),
      nock(API)
        .get(CONFIG_PATH).reply(404, {})
        .get(ORG_CONFIG_PATH).reply(404, {})
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 1, artifacts: [artifact(11, 'maestro-evidence-liar', 600)] })
        .get(`${REPO}/actions/artifacts/11/zip`).reply(302, '', { location: blobUrl })
        .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md' }]),
    ];
    await deliver(probot, app, 'pull_request', openedPayload());
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(checks[0].conclusion).toBe('failure');
    expect(checks[0].output.summary).toContain('maestro-evidence-liar');
    // The stream was dropped soon after the limit, not read to its end.
    expect(produced).toBeLessThan(limit + 32 * 1024 * 1024);
    nock.disableNetConnect();
    blobStore.close();
    await app.close();
  });

  it('reports an invalid repo config as action_required naming the key, with an annotation on the file', async () => {
    const { probot, app } = await createTestApp();
    const checks: any[] = [];
    const scopes = [
      tokenScope(),
      nock(API).get(`${REPO}/actions/runs`).query(true).reply(200, { total_count: 0, workflow_runs: [] }),
      nock(API)
        .get(CONFIG_PATH).reply(200, 'comment:\n  mood: always\n', { 'content-type': 'text/plain; charset=utf-8', etag: '"abc"' })
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 0, artifacts: [] })
        .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md' }]),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
      nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
    ];
    await probot.receive({ id: 'd', name: 'pull_request', payload: openedPayload() as never });
    await app.queue!.onIdle();
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(checks[0].conclusion).toBe('action_required');
    expect(checks[0].output.title).toContain('comment.mood');
    expect(checks[0].output.annotations[0]).toMatchObject({ path: '.github/maestro.yml', annotation_level: 'failure' });
    await app.close();
  });

  it('on a later event that changes no decision, writes neither the check run nor the comment, and asks only for the repo config and the artifacts', async () => {
    const { probot, app } = await createTestApp();
    const zip = await zipOf({ 'drift-report.json': driftReport('clean') });
    const first = newPullScopes(zip);
    await deliver(probot, app, 'pull_request', openedPayload(), 'd1');
    for (const scope of first) expect(scope.isDone()).toBe(true);

    // A label is added: same evidence (artifact read from memory), same decisions: nothing is written.
    // The org's .github config (absent) and the files of the commit are remembered, so only two requests are made.
    const before = await apiRequests(app);
    const labeled = openedPayload({ action: 'labeled' });
    labeled.label = { name: 'docs' };
    labeled.pull_request.labels = [{ id: 1, name: 'docs', color: 'fff', default: false, description: null, node_id: 'x', url: '' }];
    const second = [
      nock(API)
        .get(CONFIG_PATH).reply(404, {})
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 1, artifacts: [artifact(11)] }),
    ];
    await probot.receive({ id: 'd2', name: 'pull_request', payload: labeled as never });
    await app.queue!.onIdle();
    for (const scope of second) expect(scope.isDone()).toBe(true);
    expect(await apiRequests(app)).toBe(before + 2);

    // A label that makes another control apply changes the decisions: the check run and the comment are updated in place.
    const api = openedPayload({ action: 'labeled' });
    api.label = { name: 'api' };
    api.pull_request.labels = [{ id: 2, name: 'api', color: 'fff', default: false, description: null, node_id: 'y', url: '' }];
    const third = [
      nock(API)
        .get(CONFIG_PATH).reply(404, {})
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 1, artifacts: [artifact(11)] }),
      nock(API).patch(`${REPO}/check-runs/777`).reply(200, { id: 777 }),
      nock(API).patch(`${REPO}/issues/comments/555`).reply(200, { id: 555 }),
    ];
    await probot.receive({ id: 'd3', name: 'pull_request', payload: api as never });
    await app.queue!.onIdle();
    for (const scope of third) expect(scope.isDone()).toBe(true);
    await app.close();
  });

  it('asks for the repo config again with its ETag, and uses the remembered file on a 304', async () => {
    const { probot, app } = await createTestApp();
    const checks: any[] = [];
    const config = 'checkName: Release gate\ncomment:\n  mode: never\n';
    const first = [
      tokenScope(),
      nock(API).get(`${REPO}/actions/runs`).query(true).reply(200, { total_count: 0, workflow_runs: [] }),
      nock(API)
        .get(CONFIG_PATH).reply(200, config, { 'content-type': 'text/plain; charset=utf-8', etag: '"cfg-1"' })
        // The org's .github config binds every repository (its mode and catalog): read once, then remembered.
        .get(ORG_CONFIG_PATH).reply(404, { message: 'Not Found' })
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 0, artifacts: [] })
        .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md' }]),
      nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
    ];
    await deliver(probot, app, 'pull_request', openedPayload());
    for (const scope of first) expect(scope.isDone()).toBe(true);
    // A label that makes GA-13 apply: the decisions change, so the check run is written again.
    const labeled = openedPayload({ action: 'labeled' });
    labeled.pull_request.labels = [{ id: 2, name: 'api', color: 'fff', default: false, description: null, node_id: 'y', url: '' }];
    const second = [
      nock(API)
        .get(CONFIG_PATH).matchHeader('if-none-match', '"cfg-1"').reply(304, '')
        .get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 0, artifacts: [] }),
      nock(API).patch(`${REPO}/check-runs/777`).reply(200, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
    ];
    await deliver(probot, app, 'pull_request', labeled, 'd2');
    for (const scope of second) expect(scope.isDone()).toBe(true);
    // the config of the 304 is the remembered one: the renamed check, and no comment (mode never)
    expect(checks.map((c) => c.name)).toEqual(['Release gate', 'Release gate']);
    await app.close();
  });

  it('keeps hostile PR text from breaking or inflating the comment and the check', async () => {
    const { probot, app } = await createTestApp();
    const payload = openedPayload();
    payload.pull_request.title = `<img src=x onerror=alert(1)> @acme/security ${'**bold** '.repeat(8000)}`;
    payload.pull_request.head.ref = 'feature/<script>alert(1)</script>';
    payload.pull_request.body = `${'A'.repeat(70_000)}`;
    const comments: any[] = [];
    const checks: any[] = [];
    const scopes = newPullScopes(undefined, { checks, comments });
    await deliver(probot, app, 'pull_request', payload);
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    const body: string = comments[0].body;
    expect(body.length).toBeLessThanOrEqual(65_535);
    // Markdown-escaped: GitHub shows the text, renders no HTML.
    expect(body).not.toMatch(/(^|[^\\])<img/);
    expect(body).not.toMatch(/(^|[^\\])<script/);
    expect(body).not.toMatch(/(^|[^`\\])@acme\/security/);
    expect(checks[0].output.summary.length).toBeLessThanOrEqual(65_535);
    expect(checks[0].output.title.length).toBeLessThanOrEqual(255);
    await app.close();
  });

  it('ignores what the app caused itself and other apps\' check re-runs, with no GitHub request', async () => {
    const { probot, app } = await createTestApp();
    const own = openedPayload({ action: 'labeled' });
    own.sender = { ...own.sender, login: BOT, type: 'Bot' };
    await probot.receive({ id: 'a', name: 'pull_request', payload: own as never });
    const rerun = examplePayload('check_run', 'rerequested');
    rerun.check_run.app.id = APP_ID + 1;
    await probot.receive({ id: 'b', name: 'check_run', payload: rerun as never });
    await app.queue!.onIdle();
    expect(await apiRequests(app)).toBe(0);
    const deliveries = await app.metrics.deliveries.get();
    expect(deliveries.values.map((v) => v.labels.outcome)).toEqual(['ignored', 'ignored']);
    await app.close();
  });
});
