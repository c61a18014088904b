import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { apiCounts, APP_ROUTE, TOKEN_ROUTE } from './helpers/app-requests.js';
import { deliver } from './helpers/deliver.js';
import { e2eNodes } from './helpers/node-binary.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, BOT, CHECK_NAME, cleanDriftEvidence, REPO, SECRET, seedPull, startWorld } from './helpers/world.js';

/** An hour after the first start (TEST_NOW): the restarted app's memory begins then, after the PR was opened (EVENT_AT). */
const RESTARTED_AT = '2026-11-20T13:00:00Z';

describe.each(e2eNodes())('the built app on $name: a restart without Redis', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp | undefined;

  beforeAll(async () => {
    sim = await startWorld();
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  afterEach(() => sim.assertNoUnknownRoutes());

  it('a redelivered pull_request.opened after a restart finds the check run and the comment made before: no second one', async () => {
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
    const pr = await seedPull(sim, { artifacts: (sha) => ({ 'maestro-evidence-drift': cleanDriftEvidence(sha) }) });
    const opened = pullRequestEvent(sim, REPO, pr.number, 'opened');
    expect((await deliver(app.url, SECRET, 'pull_request', opened)).status).toBe(200);
    await waitFor('the gate-notes comment', () => sim.comments(REPO, pr.number)[0], { sim, app });
    await app.idle();
    const check = structuredClone(sim.checkRuns(REPO, pr.headSha));
    const comments = structuredClone(sim.comments(REPO, pr.number));
    expect(check.map((c) => [c.name, c.conclusion])).toEqual([[CHECK_NAME, 'success']]);
    expect(comments.map((c) => c.user.login)).toEqual([BOT]);

    // Stopped (SIGTERM) and started again an hour later, with an empty memory, the same ledger and the same GitHub.
    const ledgerDir = app.ledgerDir;
    await app.stop();
    sim.clearRequests();
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET, now: RESTARTED_AT, ledgerDir });
    await waitFor('the app to learn who it is (GET /app)', () => sim.requests.some((r) => r.route === APP_ROUTE && r.status === 200), { sim, app });

    // GitHub redelivers the delivery the app may have lost (a new delivery id, the same payload).
    expect((await deliver(app.url, SECRET, 'pull_request', opened)).status).toBe(200);
    await waitFor('the evaluation after the restart', () => app!.logs().some((l) => l.outcome?.status === 'evaluated'), { sim, app });
    await app.idle();

    // The event happened before the new memory began, so the app looked for its check run (by name,
    // commit and app id) and its comment (by its marker) instead of trusting that they were new.
    expect(sim.checkRuns(REPO, pr.headSha)).toHaveLength(1);
    expect(sim.checkRuns(REPO, pr.headSha)[0]).toMatchObject({ id: check[0]!.id, conclusion: 'success', output: check[0]!.output });
    expect(sim.comments(REPO, pr.number)).toEqual(comments);
    expect(sim.count((r) => r.method === 'POST' && r.route !== TOKEN_ROUTE)).toBe(0);
    // Without its memory the app cannot know the check says the same: it writes it again in place. The comment's text is on GitHub, so it is left alone.
    expect(apiCounts(sim)).toEqual({
      [APP_ROUTE]: 1,
      'GET /repos/{owner}/{repo}/actions/runs': 1,
      'GET /repos/{owner}/{repo}/contents/{path}': 2,
      'GET /repos/{owner}/{repo}/actions/artifacts': 1,
      'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': 1,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': 1,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': 1,
    });
  });
});
