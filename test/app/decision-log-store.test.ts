import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Probot } from 'probot';
import { DecisionLogStore } from '../../app/decision-log-store.js';
import type { MaestroApp } from '../../app/maestro-app.js';
import { openStore } from '../../adapters/store/open-store.js';
import { EVENT_AT } from '../helpers/clock.js';
import { makeArtifacts, tempDir, writeTree } from '../helpers/release-bundle.js';
import { runMain } from '../helpers/run-main.js';
import { INSTALLATION, createTestApp, examplePayload, pinGitHubRequests, tokenScope } from '../helpers/github-app.js';

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

function openedPayload(): Record<string, any> {
  const payload = examplePayload('pull_request', 'opened');
  payload.installation = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  payload.pull_request.updated_at = EVENT_AT;
  return payload;
}

/** A first evaluation of a new PR without evidence. */
function firstScopes(): nock.Scope[] {
  return [
    tokenScope(),
    nock(API).get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] }),
    nock(API)
      .get(`${REPO}/contents/.github%2Fmaestro.yml`).reply(404, { message: 'Not Found' })
      .get('/repos/Codertocat/.github/contents/.github%2Fmaestro.yml').reply(404, { message: 'Not Found' })
      .get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] })
      .get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 0, changes: 1 }]),
    nock(API).post(`${REPO}/issues/2/comments`).reply(201, { id: 555 }),
    nock(API).post(`${REPO}/check-runs`).reply(201, { id: 777 }),
  ];
}

async function deliver(probot: Probot, app: MaestroApp, payload: Record<string, any>): Promise<void> {
  await probot.receive({ id: 'delivery', name: 'pull_request', payload } as never);
  await app.queue!.onIdle();
}

/** Every file below a folder, relative to it, sorted. */
function filesBelow(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();
}

/** A temporary file:// decision log store, as DECISION_LOG_STORE opens one. */
async function tempDecisionLogs(): Promise<{ root: string; url: string; logs: DecisionLogStore; warnings: unknown[] }> {
  const root = mkdtempSync(join(tmpdir(), 'maestro-decision-logs-'));
  const url = pathToFileURL(root).href;
  const warnings: unknown[] = [];
  return { root, url, warnings, logs: new DecisionLogStore(await openStore(url), { warn: (fields, message) => warnings.push({ fields, message }) }) };
}

describe('with DECISION_LOG_STORE, the App keeps each evaluated pull request\'s decision log', () => {
  pinGitHubRequests();

  it('writes the decision log once under decision-logs/<repo>/<head sha>/, and a redelivery writes nothing new', async () => {
    const { root, logs, warnings } = await tempDecisionLogs();
    const { probot, app } = await createTestApp({ decisionLogs: logs });
    const first = firstScopes();
    await deliver(probot, app, openedPayload());
    for (const scope of first) expect(scope.isDone()).toBe(true);

    const files = filesBelow(root);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^decision-logs/Codertocat/Hello-World/${SHA}/pr-2-[0-9a-f]{16}\\.json$`));
    const bytes = readFileSync(join(root, files[0]!));
    const log = JSON.parse(bytes.toString('utf8'));
    expect(log).toMatchObject({ kind: 'decision-log', subject: { repo: 'Codertocat/Hello-World', sha: SHA, pr: 2 }, producer: { name: 'maestro-conductor-app' } });

    await app.close();

    // The same delivery again, to an App whose memory is empty (restarted, or another replica): it decides again, the same.
    const restarted = await createTestApp({ decisionLogs: logs });
    const again = firstScopes();
    await deliver(restarted.probot, restarted.app, openedPayload());
    for (const scope of again) expect(scope.isDone()).toBe(true);
    await restarted.app.close();

    expect(filesBelow(root)).toEqual(files);
    expect(readFileSync(join(root, files[0]!)).equals(bytes)).toBe(true);
    expect(warnings).toEqual([]);
    const counted = (await logs.outcomes.get()).values.map((v) => [v.labels.outcome, v.value]);
    expect(counted).toEqual(expect.arrayContaining([['written', 1], ['stored', 1]]));
  });
});

describe('when DECISION_LOG_STORE fails', () => {
  pinGitHubRequests();

  it('logs and counts the failure, and publishes the check run all the same', async () => {
    const { url } = await tempDecisionLogs();
    const store = await openStore(url);
    store.create = async () => { throw new Error('AccessDenied'); };
    const warnings: Array<{ message: string }> = [];
    const logs = new DecisionLogStore(store, { warn: (_fields, message) => warnings.push({ message }) });
    const { probot, app } = await createTestApp({ decisionLogs: logs });
    const scopes = firstScopes();
    await deliver(probot, app, openedPayload());
    await app.close();

    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(warnings).toEqual([{ message: 'the decision log could not be written to DECISION_LOG_STORE; the check run is published all the same' }]);
    expect((await logs.outcomes.get()).values.map((v) => [v.labels.outcome, v.value])).toEqual([['error', 1]]);
  });
});

describe('maestro evidence bundle --pack --decision-logs <the App\'s DECISION_LOG_STORE>', () => {
  pinGitHubRequests();

  it('puts the decision log the App kept for a listed pull request and head commit into the pack', async () => {
    const { root, url, logs } = await tempDecisionLogs();
    const { probot, app } = await createTestApp({ decisionLogs: logs });
    const scopes = firstScopes();
    await deliver(probot, app, openedPayload());
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    await app.close();
    const [stored] = filesBelow(root);

    const dir = tempDir('maestro-pack-');
    writeTree(dir, { 'pulls.json': JSON.stringify({ pulls: [{ number: 2, title: 'Update the README with new information.', mergedAt: '2026-11-20T13:00:00Z' }] }) });
    const out = join(dir, 'v1.0.0');
    const built = await runMain(['evidence', 'bundle', '--release', 'v1.0.0', '--repo', 'Codertocat/Hello-World', '--commit', SHA, '--created-at', '2026-11-21T12:00:00Z',
      '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', out, '--pack', '--decision-logs', url, '--pulls', join(dir, 'pulls.json'), '--format', 'json']);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(JSON.parse(built.stdout).pack).toMatchObject({ pulls: 1, pullsWithoutDecisionLog: [] });
    const index = JSON.parse(readFileSync(join(out, 'pack/index.json'), 'utf8'));
    expect(index.pulls).toEqual([expect.objectContaining({ number: 2, decisionLogs: [`pack/pulls/2/20261120T120000Z-${SHA.slice(0, 12)}.json`] })]);
    expect(readFileSync(join(out, index.pulls[0].decisionLogs[0])).equals(readFileSync(join(root, stored!)))).toBe(true);
  });
});
