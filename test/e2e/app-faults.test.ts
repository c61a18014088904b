import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { appRequests } from './helpers/app-requests.js';
import { deliver } from './helpers/deliver.js';
import { e2eNodes } from './helpers/node-binary.js';
import { pullRequestEvent, workflowRunEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, cleanDriftEvidence, REPO, SECRET, seedPull, startWorld, type SeededPull } from './helpers/world.js';

const CREATE_CHECK = 'POST /repos/{owner}/{repo}/check-runs';
const CREATE_COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const driftEvidence = (sha: string) => ({ 'maestro-evidence-drift': cleanDriftEvidence(sha) });

describe.each(e2eNodes())('the built app on $name: when GitHub fails', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });
  /** The statuses GitHub answered a route with, in order. */
  const statuses = (route: string) => appRequests(sim).filter((r) => r.route === route).map((r) => r.status);
  /** Every request of the app, in order, with how GitHub answered it. */
  const sequence = () => appRequests(sim).map((r) => `${r.route} ${r.status}`);
  /** What a new PR's evaluation reads before it writes (its commit's runs unknown yet). */
  const READS = ['GET /repos/{owner}/{repo}/actions/runs 200', 'GET /repos/{owner}/{repo}/contents/{path} 404', 'GET /repos/{owner}/{repo}/actions/artifacts 200', 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format} 302', 'GET /_blob/artifacts/{id} 200', 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files 200'];

  async function openAndWait(pr: SeededPull): Promise<void> {
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    await waitFor(`the gate-notes comment on #${pr.number}`, () => sim.comments(REPO, pr.number).length > 0, context(), 20_000);
    await app.idle();
  }

  beforeAll(async () => {
    sim = await startWorld();
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
    await openAndWait(await seedPull(sim, { artifacts: driftEvidence }));
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  beforeEach(() => sim.clearRequests());
  afterEach(async () => {
    sim.clearFaults();
    sim.setReachable(true);
    await app.idle();
    sim.assertNoUnknownRoutes();
  });

  it('a 5xx once on check run creation and on comment creation: both retried, one check run and one comment in the end', async () => {
    sim.fault({ route: CREATE_CHECK, kind: '5xx', status: 502, times: 1 });
    sim.fault({ route: CREATE_COMMENT, kind: '5xx', status: 503, times: 1 });
    const pr = await seedPull(sim, { artifacts: driftEvidence });
    await openAndWait(pr);

    expect(sequence()).toEqual([...READS, `${CREATE_CHECK} 502`, `${CREATE_CHECK} 201`, `${CREATE_COMMENT} 503`, `${CREATE_COMMENT} 201`]);
    expect(statuses(CREATE_CHECK)).toEqual([502, 201]);
    expect(statuses(CREATE_COMMENT)).toEqual([503, 201]);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.history.length])).toEqual([['success', 1]]);
    expect(sim.comments(REPO, pr.number)).toHaveLength(1);
    expect(sim.count((r) => r.method === 'PATCH')).toBe(0);
  });

  it('a secondary rate limit once (retry-after: 1) on check run creation and on comment creation: waited out, one check run and one comment in the end', async () => {
    sim.fault({ route: CREATE_CHECK, kind: 'secondary-rate-limit', retryAfter: 1, times: 1 });
    sim.fault({ route: CREATE_COMMENT, kind: 'secondary-rate-limit', retryAfter: 1, times: 1 });
    const pr = await seedPull(sim, { artifacts: driftEvidence });
    const started = performance.now();
    await openAndWait(pr);

    expect(sequence()).toEqual([...READS, `${CREATE_CHECK} 403`, `${CREATE_CHECK} 201`, `${CREATE_COMMENT} 403`, `${CREATE_COMMENT} 201`]);
    expect(statuses(CREATE_CHECK)).toEqual([403, 201]);
    expect(statuses(CREATE_COMMENT)).toEqual([403, 201]);
    // Each write waited the second GitHub asked for.
    expect(performance.now() - started).toBeGreaterThanOrEqual(2000);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.history.length])).toEqual([['success', 1]]);
    expect(sim.comments(REPO, pr.number)).toHaveLength(1);
    expect(sim.count((r) => r.method === 'PATCH')).toBe(0);
  });

  it('GitHub unreachable: deliveries are still answered 200 at once; once it is back, the check run and the comment appear', async () => {
    const pr = await seedPull(sim, { artifacts: driftEvidence });
    sim.setReachable(false, 'hang');
    const answers = [
      await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened')),
      await deliver(app.url, SECRET, 'workflow_run', workflowRunEvent(sim, REPO, pr.runs[0]!.id)),
    ];
    // Answered although every GitHub request hangs: no GitHub request stands between a delivery and its
    // answer (how fast they are answered under load is measured in bench/app-load, not here).
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await waitFor('the evaluation to hang on GitHub', () => sim.requests.some((r) => r.status === 'hung'), context());
    expect(sim.checkRuns(REPO, pr.headSha)).toEqual([]);

    sim.setReachable(true);
    await waitFor('the gate-notes comment', () => sim.comments(REPO, pr.number)[0], context(), 30_000);
    await app.idle(30_000);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.history.length])).toEqual([['success', 1]]);
    expect(sim.comments(REPO, pr.number)).toHaveLength(1);
    // The evaluation began by listing the commit's workflow runs (once per commit, whatever events told
    // the app): that request hung, failed when GitHub came back, and was retried; nothing was lost or doubled.
    expect(sequence()).toEqual(['GET /repos/{owner}/{repo}/actions/runs hung', ...READS, `${CREATE_CHECK} 201`, `${CREATE_COMMENT} 201`]);
  });
});
