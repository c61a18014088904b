import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { MemoryStateStore } from '../../adapters/state/memory-state-store.js';
import { restoreGrants } from '../../app/state/restore-grants.js';
import { overrideOf, waiversOf } from '../../app/state/waiver-records.js';
import { verifyLedgerStore } from '../../flows/verify-ledger-store.js';
import { COMMAND_REPLY_MARKER } from '../../core/render/render-command-reply.js';
import { apiRequests, createTestApp, examplePayload, INSTALLATION, pinGitHubRequests, tempLedger, tokenScope } from '../helpers/github-app.js';
import { EVENT_AT } from '../helpers/clock.js';
import { verifyIo } from '../helpers/real-adapters.js';

import { API, REPO, SHA, commentPayload, pullResponse, configScope, permissionScope, reactionScope, laterEvaluationScopes, openFailingPull, settle, receive, expectDone, recordingLedger } from '../helpers/command-scopes.js';

describe('slash commands', () => {
  pinGitHubRequests();

  it('/waive by a maintainer (not the PR author): the gate decides again at once and passes with the waiver shown; when the waiver ends, the app fails the PR again by itself', async () => {
    let now = new Date('2026-11-20T12:00:00Z');
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger, now: () => now });
    const checks: any[] = [];
    const comments: any[] = [];

    await openFailingPull(probot, app, checks, comments);
    expect(checks[0]).toMatchObject({ conclusion: 'failure' });

    const waive = [
      configScope(),
      permissionScope('octocat', 'maintain'),
      nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()),
      reactionScope('+1'),
      ...laterEvaluationScopes(checks, comments),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('Accepted risk, see ticket.\n/waive ga-30 until 2026-11-25 reason: "CI template rollout slips a week — SEC-7"', { pull: true, sender: 'octocat' }), 'd-waive');
    expectDone(waive);
    expect(checks[1]).toMatchObject({ conclusion: 'success' });
    // The waiver shows on the control's line, and its reason in the explanation the line opens on.
    expect(comments[1].body).toMatch(/<summary>⚠️ <a [^>]+>GA-30<\/a> [^\n]*: waived by @\u200boctocat until 2026-11-25/);
    expect(comments[1].body).toContain('Waived by @\u200boctocat until 2026-11-25 (reason: CI template rollout slips a week — SEC-7)');
    expect(events.map((e) => e.action)).toEqual(['waiver.granted', 'gate.decision-changed']);
    expect(events[0]).toMatchObject({ actor: 'octocat', deliveryId: 'd-waive', repo: 'Codertocat/Hello-World', number: 2, sha: SHA, controlId: 'GA-30', reason: 'CI template rollout slips a week — SEC-7', after: { until: '2026-11-25' } });
    expect(events[1]).toMatchObject({ before: { conclusion: 'failure' }, after: { conclusion: 'success', waived: ['GA-30'] } });

    // Nobody acts; the waiver's last day ends. The expiry check decides the PR again: it fails.
    now = new Date('2026-11-26T00:05:00Z');
    const expired = [nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), ...laterEvaluationScopes(checks, comments)];
    const handled = await app.expiries!.checkNow();
    await settle(app);
    expectDone(expired);
    expect(handled).toHaveLength(1);
    expect(checks[2]).toMatchObject({ conclusion: 'failure' });
    expect(comments[2].body).toContain('expired, no longer counts');
    // A second check finds nothing left to do.
    expect(await app.expiries!.checkNow()).toEqual([]);
    expect((await verifyLedgerStore({ location: ledger.url }, verifyIo)).ok).toBe(true);

    // A restart without Redis: the app's memory is empty, the ledger gives the waiver back, byte for byte.
    const fresh = new MemoryStateStore();
    expect(await restoreGrants(ledger.url, fresh, now)).toEqual({ waivers: 1, overrides: 0, problems: 0 });
    expect(await waiversOf(fresh, 'Codertocat/Hello-World', 2)).toEqual(await waiversOf(app.store, 'Codertocat/Hello-World', 2));
    await app.close();
  });

  it('refuses /waive and /override from a user with read access: a reply says who may, nothing changes, and the refusal is recorded', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const replies: any[] = [];
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('mallory', 'read'),
      reactionScope('confused'),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-11-25 reason: trust me\n/override reason: ship it\n/create-task all\n/gates rerun', { pull: true, sender: 'mallory' }), 'd-mallory');
    expectDone(scopes);
    expect(replies[0].body.startsWith(COMMAND_REPLY_MARKER)).toBe(true);
    expect(replies[0].body).toContain('- line 1: `/waive GA-30 until 2026-11-25 reason: trust me`: refused: only users with admin or maintain access may grant waivers');
    expect(replies[0].body).toContain('- line 2: `/override reason: ship it`: refused: only users with admin access may override the gate');
    expect(replies[0].body).toContain('- line 3: `/create-task all`: refused: @\u200bmallory has read access to Codertocat/Hello-World; this command needs write access or more.');
    expect(replies[0].body).toContain('- line 4: `/gates rerun`: refused:');
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['command.refused', 'mallory'],
      ['command.refused', 'mallory'],
      ['command.refused', 'mallory'],
      ['command.refused', 'mallory'],
    ]);
    await app.close();
  });

  it('/override by an admin (not the PR author) passes the gate for this commit only, shown as an override; the next push clears it', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const checks: any[] = [];
    const comments: any[] = [];
    await openFailingPull(probot, app, checks, comments);

    const override = [configScope(), permissionScope('octocat', 'admin'), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1'), ...laterEvaluationScopes(checks, comments)];
    await receive(probot, app, 'issue_comment', commentPayload('/override reason: INC-1234 hotfix, evidence follows', { pull: true, sender: 'octocat' }), 'd-override');
    expectDone(override);
    expect(checks[1].conclusion).toBe('success');
    expect(checks[1].output.title).toMatch(/^Overridden by @octocat for commit ec26c3e \(reason: INC-1234 hotfix, evidence follows\)\. Without the override: /);
    expect(comments[1].body).toContain('### ⚠️ overridden');
    expect(events.map((e) => e.action)).toEqual(['override.granted', 'gate.decision-changed']);
    expect(events[1]).toMatchObject({ after: { conclusion: 'overridden' } });

    // A new commit: the override named the old one, so the gate fails again.
    const pushed = examplePayload('pull_request', 'opened');
    pushed.installation = { id: INSTALLATION };
    pushed.action = 'synchronize';
    const newSha = 'f'.repeat(40);
    pushed.pull_request.head.sha = newSha;
    pushed.pull_request.updated_at = EVENT_AT;
    const newChecks: any[] = [];
    const push = [
      nock(API).get(`${REPO}/actions/runs`).query({ head_sha: newSha, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] }),
      configScope(),
      nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] }),
      nock(API).get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md' }]),
      nock(API).patch(`${REPO}/issues/comments/555`).reply(200, { id: 555 }),
      nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (newChecks.push(await request.json()), { id: 778 })),
    ];
    await receive(probot, app, 'pull_request', pushed, 'd-push');
    expectDone(push);
    expect(newChecks[0]).toMatchObject({ head_sha: newSha, conclusion: 'failure' });
    expect(newChecks[0].output.title).not.toMatch(/Overridden/);

    const fresh = new MemoryStateStore();
    expect(await restoreGrants(ledger.url, fresh, new Date('2026-11-20T12:00:00Z'))).toMatchObject({ overrides: 1 });
    expect(await overrideOf(fresh, 'Codertocat/Hello-World', SHA)).toMatchObject({ by: 'octocat', sha: SHA, reason: 'INC-1234 hotfix, evidence follows' });
    await app.close();
  });

  it('refuses commands that an edit added to a comment, without looking anyone up, and ignores edits that only changed prose', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const replies: any[] = [];
    const scopes = [tokenScope(), configScope(undefined, true), reactionScope('confused'), nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 }))];
    await receive(probot, app, 'issue_comment', commentPayload('LGTM\n/label ready\n/override reason: added later', { pull: true, action: 'edited', from: 'LGTM\n/label ready' }), 'd-edit');
    expectDone(scopes);
    expect(replies[0].body).toContain('- line 3: `/override reason: added later`: refused: commands added by editing a comment are not run');
    expect(replies[0].body).not.toContain('/label ready');
    expect(events.map((e) => e.action)).toEqual(['command.refused']);

    // Only the prose changed: the commands were handled when the comment was created; GitHub is not asked anything.
    const before = await apiRequests(app);
    await receive(probot, app, 'issue_comment', commentPayload('LGTM!\n/label ready', { pull: true, action: 'edited', from: 'LGTM\n/label ready' }), 'd-edit-2');
    expect(await apiRequests(app)).toBe(before);
    await app.close();
  });

  it('does nothing at all for a bot\'s comment or a comment without a command', async () => {
    const { probot, app } = await createTestApp();
    const bot = commentPayload('/override reason: automated', { pull: true, sender: 'renovate[bot]' });
    bot.sender.type = 'Bot';
    await receive(probot, app, 'issue_comment', bot, 'd-bot');
    await receive(probot, app, 'issue_comment', commentPayload('Looks good, see /docs/setup.md'), 'd-prose');
    expect(await app.metrics.githubRequests.get()).toMatchObject({ values: [] });
    await app.close();
  });

  it('a team named as approver may waive: membership is looked up when the role is not enough', async () => {
    const { probot, app } = await createTestApp();
    const config = 'waivers:\n  maxDays: 14\n  approvers:\n    teams: [Codertocat/security]\n    permissions: [admin]\n';
    const replies: any[] = [];
    const scopes = [
      tokenScope(),
      configScope(config),
      permissionScope('sec-lead', 'write'),
      nock(API).get('/orgs/Codertocat/teams/security/memberships/sec-lead').reply(200, { state: 'active', role: 'member', url: '' }),
      nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()),
      reactionScope('confused'),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    // Allowed, but longer than the repo's 14 days: refused with the latest possible end.
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-12-31 reason: vendor fix', { pull: true, sender: 'sec-lead' }), 'd-team');
    expectDone(scopes);
    expect(replies[0].body).toContain('lasts 42 days; this repository allows at most 14 (waivers.maxDays), so the latest end is 2026-12-03');
    await app.close();
  });

  it('/help and /gates explain answer anyone; explain posts the full decision of the last evaluation', async () => {
    const { probot, app } = await createTestApp();
    const checks: any[] = [];
    const comments: any[] = [];
    await openFailingPull(probot, app, checks, comments);

    const replies: any[] = [];
    const scopes = [configScope(), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1'), nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 }))];
    await receive(probot, app, 'issue_comment', commentPayload('/help\n/gates explain GA-30', { pull: true, sender: 'passer-by' }), 'd-explain');
    expectDone(scopes);
    expect(replies[0].body).toContain('### Maestro commands');
    expect(replies[0].body).toContain('#### GA-30');
    expect(replies[0].body).toMatch(/\| `GA-30\/[a-z-]+` \| `dec_[0-9a-f]{16}` \| missing \|/);
    await app.close();
  });

  it('/gates rerun by a writer decides the head commit again now, even while its workflow runs are going', async () => {
    const { probot, app } = await createTestApp();
    const checks: any[] = [];
    const comments: any[] = [];
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('Codertocat', 'write'),
      nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()),
      reactionScope('+1'),
      nock(API).get(`${REPO}/actions/runs`).query(true).reply(200, { total_count: 1, workflow_runs: [{ id: 5, name: 'gates', status: 'in_progress', created_at: '2026-11-20T11:00:00Z' }] }),
      configScope(),
      nock(API).get(`${REPO}/actions/artifacts`).query(true).reply(200, { total_count: 0, artifacts: [] }),
      nock(API).get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md' }]),
      nock(API).get(`${REPO}/issues/2/comments`).query(true).reply(200, []),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (comments.push(await request.json()), { id: 555 })),
      nock(API).get(`${REPO}/commits/${SHA}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] }),
      nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/gates rerun', { pull: true }), 'd-rerun');
    expectDone(scopes);
    expect(checks[0]).toMatchObject({ head_sha: SHA, status: 'completed', conclusion: 'failure' });
    await app.close();
  });

  it('does not grant a waiver the audit ledger cannot record, and says so', async () => {
    const ledger = await tempLedger();
    // The ledger's folder is replaced by a file after the app opened it: every write fails.
    const folder = fileURLToPath(ledger.url);
    rmSync(folder, { recursive: true });
    writeFileSync(folder, 'not a folder');
    const { probot, app } = await createTestApp({ ledger });
    const replies: any[] = [];
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('octocat', 'admin'),
      nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()),
      reactionScope('confused'),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-11-25 reason: vendor fix', { pull: true, sender: 'octocat' }), 'd-no-ledger');
    expectDone(scopes);
    expect(replies[0].body).toContain('- line 1: `/waive GA-30 until 2026-11-25 reason: vendor fix`: the audit ledger could not record it (FILE\\_UNREADABLE); the act was not recorded, so it was not done.');
    // Where the ledger lives stays in the app's log, not in a public comment.
    expect(replies[0].body).not.toContain('maestro-ledger-');
    expect(await waiversOf(app.store, 'Codertocat/Hello-World', 2)).toEqual([]);
    await app.close();
  });
});
