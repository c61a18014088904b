import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Probot } from 'probot';
import type { MaestroApp } from '../../app/maestro-app.js';
import { entryKey } from '../../core/ledger/build-entry.js';
import { findLedgerHead } from '../../core/ledger/witness.js';
import { verifyLedgerStore } from '../../flows/verify-ledger-store.js';
import { EVENT_AT } from '../helpers/clock.js';
import { INSTALLATION, createTestApp, examplePayload, pinGitHubRequests, tempLedger, tokenScope } from '../helpers/github-app.js';
import { fixtureEvent } from '../helpers/ledger-fixture.js';
import { verifyIo } from '../helpers/real-adapters.js';

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

function openedPayload(): Record<string, any> {
  const payload = examplePayload('pull_request', 'opened');
  payload.installation = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  payload.pull_request.updated_at = EVENT_AT;
  return payload;
}

/** A first evaluation of a new PR without evidence: its requests, with the check run's body captured. */
function scopes(checks: any[]): nock.Scope[] {
  return [
    tokenScope(),
    nock(API).get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] }),
    nock(API)
      .get(`${REPO}/contents/.github%2Fmaestro.yml`).reply(404, { message: 'Not Found' })
      .get('/repos/Codertocat/.github/contents/.github%2Fmaestro.yml').reply(404, { message: 'Not Found' })
      .get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] })
      .get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 0, changes: 1 }]),
    nock(API).post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
    nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
  ];
}

async function deliver(probot: Probot, app: MaestroApp, payload: Record<string, any>): Promise<void> {
  await probot.receive({ id: 'delivery', name: 'pull_request', payload } as never);
  await app.queue!.onIdle();
}

describe('the App witnesses the audit ledger head in every check run it writes', () => {
  pinGitHubRequests();

  it('ends the check run\'s text with "Audit ledger head: <seq>:<sha256>", which the ledger is then held against', async () => {
    const ledger = await tempLedger();
    for (let i = 1; i <= 3; i++) await ledger.append(fixtureEvent(i));
    const head = (await ledger.head())!;
    const { probot, app } = await createTestApp({ ledger });
    const checks: any[] = [];
    const all = scopes(checks);
    await deliver(probot, app, openedPayload());
    for (const scope of all) expect(scope.isDone()).toBe(true);
    await app.close();

    expect(checks).toHaveLength(1);
    const text = checks[0].output.text as string;
    expect(text.trimEnd().split('\n').at(-1)).toBe(`Audit ledger head: 3:${head.sha256}`);
    const witnessed = findLedgerHead(text)!;
    expect(witnessed).toEqual(head);
    const witness = { ...witnessed, source: 'check run 777' };
    expect(await verifyLedgerStore({ location: ledger.url, witnesses: [witness] }, verifyIo)).toMatchObject({ ok: true, verdict: 'unverified', witnesses: [expect.objectContaining({ result: 'pass' })] });

    // Cut off the end: the check run's head shows it.
    rmSync(join(fileURLToPath(ledger.url), entryKey(3)));
    const cut = await verifyLedgerStore({ location: ledger.url, witnesses: [witness] }, verifyIo);
    expect(cut.ok).toBe(false);
    expect(cut.firstBad).toMatchObject({ seq: 3, problem: 'truncated', detail: `the ledger ends at entry 2, but check run 777 witnessed entry 3 (sha256 ${head.sha256}): entries 3 to 3 were removed from the end` });
  });
});
