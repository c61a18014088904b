import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { storedDriftEvidence } from '../../app/stored-drift-evidence.js';
import { putJson } from '../../adapters/store/put-json.js';
import { FileStore } from '../../adapters/store/file-store.js';
import { MemoryStateStore } from '../../adapters/state/memory-state-store.js';
import { driftReportKey } from '../../core/drift/drift-evidence-keys.js';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import { driftReport } from '../helpers/evidence-artifacts.js';
import { EVENT_AT } from '../helpers/clock.js';
import { createTestApp, examplePayload, INSTALLATION, pinGitHubRequests, tokenScope } from '../helpers/github-app.js';

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const MAIN_SHA = 'f'.repeat(40);
const REF: RepoRef = { id: 186853002, owner: 'Codertocat', name: 'Hello-World', fullName: 'Codertocat/Hello-World', defaultBranch: 'master' };

/** A file evidence store holding the App's drift sweeps: `reports` maps a sweep's start time to the repos and their status. */
async function storeWith(reports: Record<string, Record<string, 'clean' | 'drift'>>): Promise<FileStore> {
  const store = new FileStore(mkdtempSync(join(tmpdir(), 'maestro-drift-store-')));
  for (const [startedAt, repos] of Object.entries(reports)) {
    for (const [repo, status] of Object.entries(repos)) await putJson(store, driftReportKey(startedAt, repo), JSON.parse(driftReport(repo, MAIN_SHA, status)));
  }
  return store;
}

describe('drift-reports of the App\'s own sweep, from its evidence store', () => {
  it('reads the repository\'s newest report (not another repo\'s, not an older sweep\'s), and looks the key up once per 10 minutes', async () => {
    const store = await storeWith({ '2026-11-18T06:00:00Z': { 'Codertocat/Hello-World': 'drift' }, '2026-11-20T06:00:00Z': { 'Codertocat/Hello-World': 'clean', 'Codertocat/Other': 'drift' } });
    const state = new MemoryStateStore({ now: () => Date.parse('2026-11-20T12:00:00Z') });
    const [first] = await storedDriftEvidence(store, REF, state);
    expect(first).toMatchObject({ origin: { headCommit: false, defaultBranch: true, store: true }, item: { status: 'valid', ref: { path: 'evidence-store/drift/20261120T060000Z/Codertocat/Hello-World.json' } } });
    expect(first!.item.status === 'valid' && (first!.item.report.data as { status: string }).status).toBe('clean');
    const listed = store.list.bind(store);
    let listings = 0;
    store.list = async () => (listings++, listed());
    await storedDriftEvidence(store, REF, state);
    expect(listings).toBe(0);
  });

  it('gives nothing when the store holds no report of the repository', async () => {
    const store = await storeWith({ '2026-11-20T06:00:00Z': { 'Codertocat/Other': 'clean' } });
    expect(await storedDriftEvidence(store, REF, new MemoryStateStore())).toEqual([]);
  });
});

describe('the app with a drift evidence store', () => {
  pinGitHubRequests();

  it('meets GA-30 for a new PR from the sweep\'s clean drift-report, with no artifact of the PR\'s own', async () => {
    const store = await storeWith({ '2026-11-20T06:00:00Z': { 'Codertocat/Hello-World': 'clean' } });
    const { probot, app } = await createTestApp({ drift: { template: [], templateSource: 'templates', dryRun: true, store } });
    const checks: any[] = [];
    const payload = examplePayload('pull_request', 'opened');
    payload.installation = { id: INSTALLATION };
    payload.pull_request.updated_at = EVENT_AT;
    const scopes = [
      tokenScope(),
      nock(API)
        .get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] })
        .get(`${REPO}/contents/.github%2Fmaestro.yml`).reply(404, { message: 'Not Found' })
        .get('/repos/Codertocat/.github/contents/.github%2Fmaestro.yml').reply(404, { message: 'Not Found' })
        .get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] })
        .get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified' }])
        .post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 }))
        .post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
    ];
    await probot.receive({ id: 'd-store', name: 'pull_request', payload } as never);
    await app.queue!.onIdle();
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(checks[0]).toMatchObject({ conclusion: 'success' });
    expect(checks[0].output.text ?? checks[0].output.summary).toContain('evidence-store/drift/20261120T060000Z/Codertocat/Hello-World.json');
    await app.close();
  });
});
