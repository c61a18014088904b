import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { apiCounts } from './helpers/app-requests.js';
import { deliver } from './helpers/deliver.js';
import { ledgerEvents, verifyLedger } from './helpers/ledger.js';
import { e2eNodes } from './helpers/node-binary.js';
import { issueCommentEvent, pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { ADMIN, APP_ID, BOT, CHECK_NAME, OTHER_ADMIN, postComment, READER, REPO, SECRET, seedPull, startWorld, type SeededPull } from './helpers/world.js';

const CONTENTS = 'GET /repos/{owner}/{repo}/contents/{path}';
const PERMISSION = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
const ARTIFACTS = 'GET /repos/{owner}/{repo}/actions/artifacts';
const REACTION = 'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions';
const CREATE_COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const UPDATE_COMMENT = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
const UPDATE_CHECK = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';

/** The waiver every test asks for: GA-30 (every PR; these PRs have no drift-report) for a week. */
const WAIVE = '/waive GA-30 until 2026-11-27 reason: CI template rollout slips a week (SEC-7)';

describe.each(e2eNodes())('the built app on $name: slash commands', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });
  const evaluationsOf = (sha: string) => app.logs().filter((l) => l.outcome !== undefined && l.sha === sha);

  /** A PR without evidence, opened and evaluated: GA-30 is missing, the gate fails. */
  async function failingPull(): Promise<SeededPull> {
    const pr = await seedPull(sim);
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    await waitFor(`the gate-notes comment on #${pr.number}`, () => sim.comments(REPO, pr.number).length > 0, context());
    await app.idle();
    expect(sim.checkRuns(REPO, pr.headSha)[0]).toMatchObject({ name: CHECK_NAME, conclusion: 'failure' });
    return pr;
  }

  /** The bot's comments on a PR other than its gate notes: its replies to commands. */
  const replies = (number: number) => sim.comments(REPO, number).filter((c) => c.user.login === BOT && !c.body.startsWith('<!-- maestro-conductor:gate-notes -->'));

  beforeAll(async () => {
    sim = await startWorld();
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
    // The installation's first evaluation: token, identity and the account's .github config are then known.
    await failingPull();
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

  it('/waive: refused for a user with read access, granted once for an admin however often the comment is delivered', async () => {
    const pr = await failingPull();
    const gateNotes = sim.comments(REPO, pr.number)[0]!;
    sim.clearRequests();

    // hubot may read the repository, not waive: one reply names who may, a 😕, nothing granted.
    const refused = await postComment(sim, READER, pr.number, WAIVE);
    expect((await deliver(app.url, SECRET, 'issue_comment', issueCommentEvent(sim, REPO, refused.id))).status).toBe(200);
    await waitFor('the reply to the refused command', () => replies(pr.number).length > 0, context());
    await app.idle();
    expect(sim.reactions(REPO, refused.id).map((r) => [r.content, r.user.login])).toEqual([['confused', BOT]]);
    expect(replies(pr.number).map((c) => c.body)).toEqual([expect.stringContaining(`\`${WAIVE}\`: refused: only users with admin or maintain access may grant waivers in ${REPO}`)]);
    // The reply names the sender without pinging them (a zero-width space after the @).
    expect(replies(pr.number)[0]!.body).toContain(`@\u200b${READER} has read access`);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.history.length])).toEqual([['failure', 1]]);
    expect(ledgerEvents(app.ledgerDir).filter((e) => e.number === pr.number).map((e) => [e.action, e.actor])).toEqual([['command.refused', READER]]);
    expect(apiCounts(sim)).toEqual({ [CONTENTS]: 1, [PERMISSION]: 1, [REACTION]: 1, [CREATE_COMMENT]: 1 });

    // Another admin (not the PR's author, the owner) waives, and GitHub delivers the comment three
    // times (a redelivery, a retry): the waiver is granted once, acknowledged once, and the gate decides again once.
    sim.clearRequests();
    const granted = await postComment(sim, OTHER_ADMIN, pr.number, WAIVE);
    const event = issueCommentEvent(sim, REPO, granted.id);
    const answers = await Promise.all([1, 2, 3].map(() => deliver(app.url, SECRET, 'issue_comment', event)));
    expect(answers.map((a) => [a.status, a.body])).toEqual([[200, { ok: true }], [200, { ok: true }], [200, { ok: true }]]);
    await waitFor('the check run to show the waiver', () => sim.checkRuns(REPO, pr.headSha)[0]?.conclusion === 'success', context());
    await waitFor('the 👍', () => sim.reactions(REPO, granted.id).length > 0, context());
    await waitFor('the two other deliveries of the comment to be found handled', () => app.logs().filter((l) => l.comment === granted.id && /handled already/.test(l.msg)).length === 2, context());
    await app.idle();

    expect(sim.reactions(REPO, granted.id).map((r) => [r.content, r.user.login])).toEqual([['+1', BOT]]);
    expect(replies(pr.number)).toHaveLength(1);
    const check = sim.checkRuns(REPO, pr.headSha)[0]!;
    expect(check.history.map((h) => h.kind)).toEqual(['create', 'update']);
    expect(check.output.title).toBe('All 1 applicable control is met (1 waived).');
    expect(check.output.summary).toContain(`**GA-30** waived by @\u200b${OTHER_ADMIN} until 2026-11-27 (active): CI template rollout slips a week (SEC-7)`);
    const notes = sim.comments(REPO, pr.number).find((c) => c.id === gateNotes.id)!;
    expect(notes.body).toContain('waived by');
    const events = ledgerEvents(app.ledgerDir).filter((e) => e.number === pr.number);
    expect(events.map((e) => [e.action, e.actor])).toEqual([['command.refused', READER], ['waiver.granted', OTHER_ADMIN], ['gate.decision-changed', BOT]]);
    expect(events[1]).toMatchObject({ controlId: 'GA-30', reason: 'CI template rollout slips a week (SEC-7)', after: { until: '2026-11-27' } });
    expect(evaluationsOf(pr.headSha).map((l) => l.reason)).toEqual(['pull_request.opened', 'waiver granted']);
    // Each delivery reads the repo config (its commands.ignore says which lines are commands) before
    // it finds the comment's commands handled; the evaluation reads it once more.
    expect(apiCounts(sim)).toEqual({ [CONTENTS]: 4, [PERMISSION]: 1, [PULL]: 1, [REACTION]: 1, [ARTIFACTS]: 1, [UPDATE_CHECK]: 1, [UPDATE_COMMENT]: 1 });
    expect(verifyLedger(app.ledgerDir)).toMatch(/chain consistent, seals not verified/i);
  });

  it('/waive by the PR\'s author, an admin: refused with a reply that names the rule and the remedy, nothing granted', async () => {
    const pr = await failingPull();
    sim.clearRequests();
    const own = await postComment(sim, ADMIN, pr.number, WAIVE);
    expect((await deliver(app.url, SECRET, 'issue_comment', issueCommentEvent(sim, REPO, own.id))).status).toBe(200);
    await waitFor('the reply to the refused command', () => replies(pr.number).length > 0, context());
    await app.idle();
    expect(sim.reactions(REPO, own.id).map((r) => [r.content, r.user.login])).toEqual([['confused', BOT]]);
    expect(replies(pr.number).map((c) => c.body)).toEqual([
      expect.stringContaining(`\`${WAIVE}\`: refused: @\u200b${ADMIN} opened this pull request, and nobody waives a control of their own pull request in ${REPO} (separation of duties); ask another maintainer who may grant waivers, or set waivers.allowSelf: true in .github/maestro.yml on the default branch.`),
    ]);
    expect(sim.checkRuns(REPO, pr.headSha).map((c) => [c.conclusion, c.history.length])).toEqual([['failure', 1]]);
    expect(ledgerEvents(app.ledgerDir).filter((e) => e.number === pr.number).map((e) => [e.action, e.actor])).toEqual([['command.refused', ADMIN]]);
    expect(evaluationsOf(pr.headSha).map((l) => l.reason)).toEqual(['pull_request.opened']);
  });

  it('/override by an admin: the check says "Overridden by @…", the notes say overridden', async () => {
    const pr = await failingPull();
    sim.clearRequests();
    const override = await postComment(sim, OTHER_ADMIN, pr.number, '/override reason: INC-1234 hotfix, evidence follows');
    expect((await deliver(app.url, SECRET, 'issue_comment', issueCommentEvent(sim, REPO, override.id))).status).toBe(200);
    await waitFor('the overridden check run', () => sim.checkRuns(REPO, pr.headSha)[0]?.conclusion === 'success', context());
    await app.idle();

    const check = sim.checkRuns(REPO, pr.headSha)[0]!;
    expect(check.output.title).toMatch(new RegExp(`^Overridden by @${OTHER_ADMIN} for commit ${pr.headSha.slice(0, 7)} \\(reason: INC-1234 hotfix, evidence follows\\)\\. Without the override: `));
    expect(sim.reactions(REPO, override.id).map((r) => r.content)).toEqual(['+1']);
    const notes = sim.comments(REPO, pr.number)[0]!.body;
    expect(notes).toMatch(new RegExp(`^<!-- maestro-conductor:gate-notes -->\\n### .*overridden.*: ${CHECK_NAME}\\n`, 'i'));
    expect(notes).toContain(`> **Override** by @\u200b${OTHER_ADMIN} at 2026-11-20 `);
    expect(notes).toContain(`for commit \`${pr.headSha.slice(0, 12)}\` only: the gate would conclude failure. Reason: INC-1234 hotfix, evidence follows`);
    expect(ledgerEvents(app.ledgerDir).filter((e) => e.number === pr.number).map((e) => e.action)).toEqual(['override.granted', 'gate.decision-changed']);
    // @monalisa's role is looked up once, or remembered from the waiver she granted above.
    const { [PERMISSION]: roleLookups = 0, ...counts } = apiCounts(sim);
    expect(roleLookups).toBeLessThanOrEqual(1);
    expect(counts).toEqual({ [CONTENTS]: 2, [PULL]: 1, [REACTION]: 1, [ARTIFACTS]: 1, [UPDATE_CHECK]: 1, [UPDATE_COMMENT]: 1 });
  });
});
