import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { EVENT_AT } from '../helpers/clock.js';
import { artifactRecord, driftReport, producingRun } from '../helpers/evidence-artifacts.js';
import { apiRequests, createTestApp, examplePayload, INSTALLATION, tempLedger, tokenScope, zipOf } from '../helpers/github-app.js';
import { fixtureEvent } from '../helpers/ledger-fixture.js';

const API = 'https://api.github.com';
const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
const REPO = '/repos/octo-org/octo-repo';
const HEAD_99 = '9'.repeat(40);
const HEAD_104 = '4'.repeat(40);

/** A PR as `GET /repos/{owner}/{repo}/pulls/{n}` returns it (the shape of the webhook's pull_request). */
function pull(number: number, headSha: string, title: string): Record<string, any> {
  const pr = examplePayload('pull_request', 'opened').pull_request;
  return { ...pr, number, title, body: '', state: 'open', head: { ...pr.head, sha: headSha }, labels: [], draft: false, changed_files: 1, html_url: `https://github.com/octo-org/octo-repo/pull/${number}` };
}

describe('the app on merge_group events', () => {
  beforeAll(() => nock.disableNetConnect());
  beforeEach(() => nock.cleanAll());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  it('decides the queued commit on the evidence of each PR it contains, with no PR comment', async () => {
    const ledger = await tempLedger();
    for (let i = 1; i <= 2; i++) await ledger.append(fixtureEvent(i));
    const head = (await ledger.head())!;
    const { probot, app } = await createTestApp({ ledger });
    const payload: Record<string, any> = { ...examplePayload('merge_group', 'checks_requested'), installation: { id: INSTALLATION } };
    const group = payload.merge_group;
    group.head_commit.timestamp = EVENT_AT;
    const zip = await zipOf({ 'drift-report.json': driftReport('octo-org/octo-repo', HEAD_104, 'clean') });
    const checks: any[] = [];
    const scopes = [
      tokenScope(),
      nock(API)
        .get(`${REPO}/compare/${group.base_sha}...${group.head_sha}`).query({ per_page: 100 })
        .reply(200, { commits: [{ sha: 'a'.repeat(40), commit: { message: 'Add evidence panel (#99)' } }, { sha: group.head_sha, commit: { message: 'Merge pull request #104 from octo-org/feature\n\nFeature' } }] })
        .get(`${REPO}/pulls/99`).reply(200, pull(99, HEAD_99, 'Evidence panel'))
        .get(`${REPO}/pulls/104`).reply(200, pull(104, HEAD_104, 'Feature'))
        .get(`${REPO}/contents/.github%2Fmaestro.yml`).reply(404, { message: 'Not Found' })
        .get('/repos/octo-org/.github/contents/.github%2Fmaestro.yml').reply(404, { message: 'Not Found' })
        // one listing for the whole group, each PR kept to the artifacts of its own head commit
        .get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 2, artifacts: [artifactRecord(REPO, 11, { sha: HEAD_104 }), artifactRecord(REPO, 12, { sha: 'c'.repeat(40) })] })
        // each PR head's workflow runs: which workflow file produced its evidence
        .get(`${REPO}/actions/runs`).query({ head_sha: HEAD_99, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] })
        .get(`${REPO}/actions/runs`).query({ head_sha: HEAD_104, per_page: 100 }).reply(200, { total_count: 1, workflow_runs: [producingRun()] })
        .get(`${REPO}/pulls/99/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified' }])
        .get(`${REPO}/actions/artifacts/11/zip`).reply(302, '', { location: `${BLOB}/artifact-11.zip` })
        .get(`${REPO}/pulls/104/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified' }])
        .post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 888 })),
      nock(BLOB).get('/artifact-11.zip').reply(200, zip),
    ];
    await probot.receive({ id: 'mg-1', name: 'merge_group', payload: payload as never });
    await app.queue!.onIdle();
    for (const scope of scopes) expect(scope.isDone()).toBe(true);

    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'Enforce GA Gates Evidence', head_sha: group.head_sha, status: 'completed', conclusion: 'failure' });
    // #104 brought its evidence; #99 has none, so the group fails on #99 and says so.
    expect(checks[0].output.title.startsWith('#99: ')).toBe(true);
    expect(checks[0].output.summary).toContain('| #104 | Feature | ✅ passed |');
    expect(checks[0].output.summary).toContain('| #99 | Evidence panel | ❌ failed |');
    // The queue's check run witnesses the audit ledger's head, as a PR's does.
    expect(checks[0].output.text.trimEnd().split('\n').at(-1)).toBe(`Audit ledger head: 2:${head.sha256}`);
    // compare, 2 PRs, config (repo + org), 1 listing, 2 run lists, 1 download, 2 file lists, the check run
    expect(await apiRequests(app)).toBe(12);
    await app.close();
  });
});
