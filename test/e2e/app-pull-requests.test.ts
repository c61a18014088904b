import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { actionsClient } from './github-simulator/test-clients.js';
import { apiCounts, appRequests, BLOB_ROUTE, budgetOf, describeRequests } from './helpers/app-requests.js';
import { githubRouteLabels, isRouteTemplate } from './helpers/metrics.js';
import { deliver, deliveryId } from './helpers/deliver.js';
import { e2eNodes } from './helpers/node-binary.js';
import { mergeGroupEvent, pullRequestEvent, reviewSubmittedEvent, workflowRunEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { ADMIN, APP_ID, BOT, CHECK_NAME, cleanDriftEvidence, REPO, RUN_AT, SECRET, seedPull, startWorld, submitReview, WRITER, type SeededPull } from './helpers/world.js';
import { GATE_NOTES_MARKER } from '../../core/render/render-gate-notes.js';
import { EVENT_AT } from '../helpers/clock.js';

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';
const CONTENTS = 'GET /repos/{owner}/{repo}/contents/{path}';
const ARTIFACTS = 'GET /repos/{owner}/{repo}/actions/artifacts';
const DOWNLOAD = 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}';
const FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
const REVIEWS = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const PERMISSION = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
const LIST_CHECKS = 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs';
const CREATE_CHECK = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE_CHECK = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';
const LIST_COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const CREATE_COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const UPDATE_COMMENT = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';

/** GA-30 (every PR) met by a clean drift-report of the head commit. */
const driftEvidence = (sha: string) => ({ 'maestro-evidence-drift': cleanDriftEvidence(sha) });

/** What one evaluation may ask of GitHub: 6 REST requests, one more per evidence artifact downloaded, no GraphQL. */
const REST_BUDGET = 6;

describe.each(e2eNodes())('the built app on $name: pull requests', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });

  /** Evaluations the app logged for a commit (`evaluation evaluated`, `evaluation waiting`, ...). */
  const evaluationsOf = (sha: string) => app.logs().filter((l) => l.outcome !== undefined && l.sha === sha);

  /** Opens `pr` as GitHub would announce it, and waits until its evaluation is done. */
  async function open(pr: SeededPull): Promise<void> {
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    await waitFor(`the gate-notes comment on #${pr.number}`, () => sim.comments(REPO, pr.number).length > 0, context());
    await app.idle();
  }

  /** Says which requests an evaluation made when it is over a budget. */
  function expectWithinBudget(restBudget: number, artifacts: number): void {
    const { rest, graphql, downloads } = budgetOf(sim);
    const within = rest.length <= restBudget + artifacts && downloads.length <= artifacts && graphql.length === 0;
    if (!within) throw new Error(`over budget (${restBudget} REST + ${artifacts} downloads, 0 GraphQL): the app made\n${describeRequests([...rest, ...graphql])}`);
  }

  beforeAll(async () => {
    sim = await startWorld();
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
    // A first PR of the installation: the app learns who it is, gets the installation token and reads
    // the account's .github config (absent), which it remembers. Every test below starts from there.
    await open(await seedPull(sim, { artifacts: driftEvidence }));
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  beforeEach(() => sim.clearRequests());
  afterEach(async () => {
    await app.idle();
    sim.assertNoUnknownRoutes();
  });

  it('evaluates a new pull request once: the check run is created, then the gate-notes comment', async () => {
    const pr = await seedPull(sim, { artifacts: driftEvidence });
    const answer = await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'));
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    await waitFor('the gate-notes comment', () => sim.comments(REPO, pr.number)[0], context());
    await app.idle();

    const checks = sim.checkRuns(REPO, pr.headSha);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: CHECK_NAME, appId: APP_ID, status: 'completed', conclusion: 'success', output: { title: 'All 1 applicable control is met.' } });
    expect(checks[0]!.history.map((h) => h.kind)).toEqual(['create']);
    const comments = sim.comments(REPO, pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe(BOT);
    expect(comments[0]!.body).toMatch(new RegExp(`^${GATE_NOTES_MARKER}\\n### ✅ passed: ${CHECK_NAME}`));
    expect(comments[0]!.body).toMatch(/<summary>✅ <a href="[^"]+#ga-30">GA-30<\/a> GA Gates PR Template &amp; Checks: /);
    // What it asked GitHub, in order: runs, config (the account's .github is remembered), evidence, files; then it wrote.
    expect(apiCounts(sim)).toEqual({ [RUNS]: 1, [CONTENTS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 1, [FILES]: 1, [CREATE_CHECK]: 1, [CREATE_COMMENT]: 1 });
    expect(sim.count(BLOB_ROUTE)).toBe(1);
    const writes = appRequests(sim).filter((r) => r.method === 'POST').map((r) => r.route);
    expect(writes).toEqual([CREATE_CHECK, CREATE_COMMENT]);
    expect(evaluationsOf(pr.headSha).map((l) => l.msg)).toEqual(['evaluation evaluated']);
  });

  it('six workflow_run.completed deliveries of one commit give one evaluation', async () => {
    const pr = await seedPull(sim, { runs: 6, artifacts: driftEvidence });
    const answers = await Promise.all(pr.runs.map((run) => deliver(app.url, SECRET, 'workflow_run', workflowRunEvent(sim, REPO, run.id))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await waitFor('the gate-notes comment', () => sim.comments(REPO, pr.number)[0], context());
    await app.idle();

    expect(evaluationsOf(pr.headSha).map((l) => l.msg)).toEqual(['evaluation evaluated']);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.history.length])).toEqual([['success', 1]]);
    expect(sim.comments(REPO, pr.number)).toHaveLength(1);
    // The runs name their PR but carry no PR data: it is read once; the commit's runs are listed once
    // (events alone may not name them all); with no PR event the app cannot know its check run and
    // comment are new, so it looks for them first.
    expect(apiCounts(sim)).toEqual({ [PULL]: 1, [RUNS]: 1, [CONTENTS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 1, [FILES]: 1, [LIST_CHECKS]: 1, [CREATE_CHECK]: 1, [LIST_COMMENTS]: 1, [CREATE_COMMENT]: 1 });
  });

  it('the same delivery six times is answered each time and acted on once', async () => {
    const pr = await seedPull(sim, { artifacts: driftEvidence });
    const payload = pullRequestEvent(sim, REPO, pr.number, 'opened');
    const id = deliveryId();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await deliver(app.url, SECRET, 'pull_request', payload, { id }));
    expect(answers.map((a) => [a.status, a.body])).toEqual([[200, { ok: true }], ...Array(5).fill([200, { ok: true, duplicate: true }])]);
    await waitFor('the gate-notes comment', () => sim.comments(REPO, pr.number)[0], context());
    await app.idle();

    expect(evaluationsOf(pr.headSha).map((l) => l.msg)).toEqual(['evaluation evaluated']);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.output.title, c.history.length])).toEqual([['success', 'All 1 applicable control is met.', 1]]);
    expect(sim.comments(REPO, pr.number)).toHaveLength(1);
    expect(apiCounts(sim)).toEqual({ [RUNS]: 1, [CONTENTS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 1, [FILES]: 1, [CREATE_CHECK]: 1, [CREATE_COMMENT]: 1 });
  });

  it('a re-evaluation that changes no decision writes nothing (a label no control cares about)', async () => {
    const pr = await seedPull(sim, { artifacts: driftEvidence });
    await open(pr);
    const before = { check: structuredClone(sim.checkRuns(REPO, pr.headSha)), comments: structuredClone(sim.comments(REPO, pr.number)) };
    // A person labels the PR on GitHub; GitHub announces it.
    await actionsClient(sim, sim.createUserToken(ADMIN)).rest.issues.addLabels({ owner: 'Codertocat', repo: 'Hello-World', issue_number: pr.number, labels: ['documentation'] });
    sim.clearRequests();
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'labeled', { sender: ADMIN, label: 'documentation' }))).status).toBe(200);
    await waitFor('the re-evaluation', () => evaluationsOf(pr.headSha).length === 2, context());
    await app.idle();

    expect(sim.count((r) => r.method !== 'GET')).toBe(0);
    expect(apiCounts(sim)).toEqual({ [CONTENTS]: 1, [ARTIFACTS]: 1 });
    expect(sim.checkRuns(REPO, pr.headSha)).toEqual(before.check);
    expect(sim.comments(REPO, pr.number)).toEqual(before.comments);
  });

  describe('request budget', () => {
    it('a new PR with 3 evidence artifacts, after another PR of the installation: at most 6 REST requests and one download per artifact, no GraphQL', async () => {
      const pr = await seedPull(sim, { artifacts: (sha) => ({ 'maestro-evidence-drift': cleanDriftEvidence(sha), 'maestro-evidence-drift-2': cleanDriftEvidence(sha), 'maestro-evidence-drift-3': cleanDriftEvidence(sha) }) });
      await open(pr);
      expectWithinBudget(REST_BUDGET, 3);
      expect(apiCounts(sim)).toEqual({ [RUNS]: 1, [CONTENTS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 3, [FILES]: 1, [CREATE_CHECK]: 1, [CREATE_COMMENT]: 1 });
      expect(sim.count(BLOB_ROUTE)).toBe(3);
    });

    it('an approval of a PR whose body lists evidence links: at most 6 REST requests and one download per artifact', async () => {
      const body = 'Adds tracing.\n\n## Evidence\n- GA-15: [Trace correlation check](https://wiki.example.com/otel/run-42)\n';
      const pr = await seedPull(sim, { body, labels: ['tracing'], artifacts: driftEvidence });
      await open(pr);
      expect(sim.checkRuns(REPO, pr.headSha)[0]).toMatchObject({ conclusion: 'failure' });

      sim.clearRequests();
      const approval = submitReview(sim, WRITER, pr.number, 'APPROVED');
      expect((await deliver(app.url, SECRET, 'pull_request_review', reviewSubmittedEvent(sim, REPO, pr.number, approval))).status).toBe(200);
      await waitFor('the check to pass once the link is approved', () => sim.checkRuns(REPO, pr.headSha)[0]?.conclusion === 'success', context());
      await app.idle();
      expectWithinBudget(REST_BUDGET, 1);
      expect(apiCounts(sim)).toEqual({ [CONTENTS]: 1, [ARTIFACTS]: 1, [REVIEWS]: 1, [PERMISSION]: 1, [UPDATE_CHECK]: 1, [UPDATE_COMMENT]: 1 });
      expect(sim.comments(REPO, pr.number)[0]!.body).toContain('>GA-15</a>');
    });

    it('a workflow_run.completed after the PR was evaluated once: at most 6 REST requests and one download per artifact', async () => {
      const pr = await seedPull(sim, { artifacts: driftEvidence });
      await open(pr);
      sim.clearRequests();
      const later = await sim.addWorkflowRun(REPO, { name: 'Nightly evidence', headSha: pr.headSha, headBranch: pr.headRef, event: 'pull_request', createdAt: RUN_AT, artifacts: [{ name: 'maestro-evidence-drift-nightly', files: cleanDriftEvidence(pr.headSha) }] });
      expect((await deliver(app.url, SECRET, 'workflow_run', workflowRunEvent(sim, REPO, later.id))).status).toBe(200);
      await waitFor('the re-evaluation', () => evaluationsOf(pr.headSha).length === 2, context());
      await app.idle();
      expectWithinBudget(REST_BUDGET, 1);
      // The newer report is the one the gate now cites: the check and the comment say so, in place.
      expect(apiCounts(sim)).toEqual({ [CONTENTS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 1, [UPDATE_CHECK]: 1, [UPDATE_COMMENT]: 1 });
      expect(sim.checkRuns(REPO, pr.headSha)[0]!.output.text).toContain('maestro-evidence-drift-nightly/drift-report.json');
      expect(sim.comments(REPO, pr.number)).toHaveLength(1);
    });
  });

  it('merge_group.checks_requested: one check run on the queue commit, decided from the evidence of each PR it holds, and no PR comment', async () => {
    const passing = await seedPull(sim, { title: 'Add the export', artifacts: driftEvidence });
    const failing = await seedPull(sim, { title: 'Add the import' });
    await open(passing);
    await open(failing);
    const comments = [...sim.comments(REPO, passing.number), ...sim.comments(REPO, failing.number)];
    // The queue's branch for the failing PR, on top of the passing one queued ahead of it (squash merges).
    const base = sim.refs(REPO)['refs/heads/master']!;
    const queue = `gh-readonly-queue/master/pr-${failing.number}-${base}`;
    sim.addCommit(REPO, { branch: queue, message: `Add the export (#${passing.number})`, files: sim.files(REPO, passing.headSha), date: EVENT_AT });
    const head = sim.addCommit(REPO, { branch: queue, message: `Add the import (#${failing.number})`, files: sim.files(REPO, failing.headSha), date: EVENT_AT });
    sim.clearRequests();

    expect((await deliver(app.url, SECRET, 'merge_group', mergeGroupEvent(sim, REPO, queue, ADMIN))).status).toBe(200);
    const check = await waitFor('the check run on the queue commit', () => sim.checkRuns(REPO, head.sha).find((c) => c.status === 'completed'), context());
    await app.idle();

    expect(sim.checkRuns(REPO, head.sha)).toHaveLength(1);
    expect(check).toMatchObject({ name: CHECK_NAME, conclusion: 'failure' });
    expect(check.output.title).toMatch(new RegExp(`^#${failing.number}: `));
    expect(check.output.summary).toContain(`| #${passing.number} | Add the export | ✅`);
    expect(check.output.summary).toContain(`| #${failing.number} | Add the import | ❌`);
    expect([...sim.comments(REPO, passing.number), ...sim.comments(REPO, failing.number)]).toEqual(comments);
    // The group's commits name its PRs (one compare); each PR is read, its evidence and files are known from its own evaluation.
    expect(apiCounts(sim)).toEqual({ 'GET /repos/{owner}/{repo}/compare/{basehead}': 1, [PULL]: 2, [CONTENTS]: 1, [ARTIFACTS]: 1, [CREATE_CHECK]: 1 });
  });

  it('/metrics labels GitHub requests by route template and shows the queue', async () => {
    const { status, text } = await app.get('/metrics');
    expect(status).toBe(200);
    const routes = githubRouteLabels(text);
    expect(routes.filter((r) => !isRouteTemplate(r))).toEqual([]);
    expect(routes).toEqual(expect.arrayContaining(['/repos/{owner}/{repo}/check-runs', '/repos/{owner}/{repo}/issues/{issue_number}/comments', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', '/repos/{owner}/{repo}/contents/{path}']));
    expect(text).not.toContain(sim.gheHost);
    expect(text).toMatch(/^maestro_queue_waiting 0$/m);
    expect(text).toMatch(/^maestro_queue_running 0$/m);
  });
});
