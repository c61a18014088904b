import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { overrideOf, waiversOf } from '../../app/state/waiver-records.js';
import { createTestApp, pinGitHubRequests, tokenScope } from '../helpers/github-app.js';
import { API, REPO, SHA, commentPayload, pullResponse, configScope, permissionScope, reactionScope, openFailingPull, receive, expectDone, recordingLedger } from '../helpers/command-scopes.js';

/** The PR of the pull_request example (#2) was opened by Codertocat, an admin here. */
const AUTHOR = 'Codertocat';
const ALLOW_SELF = 'waivers:\n  allowSelf: true\noverrides:\n  allowSelf: true\n';

/** A later evaluation of PR #2 under the repo config `yaml`: config, artifacts, then the comment and check updated in place. */
function evaluationScopes(yaml: string, checks: any[], comments: any[]): nock.Scope[] {
  return [
    configScope(yaml),
    nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] }),
    nock(API).patch(`${REPO}/issues/comments/555`).reply(200, async (request: Request) => (comments.push(await request.json()), { id: 555 })),
    nock(API).patch(`${REPO}/check-runs/777`).reply(200, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
  ];
}

describe('separation of duties: nobody waives or overrides their own pull request unless the repo config allows it', () => {
  pinGitHubRequests();

  it('refuses /waive and /override by the PR author, though an admin: the reply names the rule and the remedy, nothing is granted, the refusals are recorded', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const replies: any[] = [];
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope(AUTHOR, 'admin'),
      nock(API).get(`${REPO}/pulls/2`).times(2).reply(200, pullResponse()),
      reactionScope('confused'),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-11-25 reason: my own fix\n/override reason: ship it', { pull: true, sender: AUTHOR }), 'd-self');
    expectDone(scopes);
    expect(replies[0].body).toContain(
      '- line 1: `/waive GA-30 until 2026-11-25 reason: my own fix`: refused: @\u200bCodertocat opened this pull request, and nobody waives a control of their own pull request in Codertocat/Hello-World (separation of duties); ask another maintainer who may grant waivers, or set waivers.allowSelf: true in .github/maestro.yml on the default branch.',
    );
    expect(replies[0].body).toContain(
      '- line 2: `/override reason: ship it`: refused: @\u200bCodertocat opened this pull request, and nobody overrides the gate on their own pull request in Codertocat/Hello-World (separation of duties); ask another maintainer who may override the gate, or set overrides.allowSelf: true in .github/maestro.yml on the default branch.',
    );
    expect(events.map((e) => [e.action, e.actor])).toEqual([['command.refused', AUTHOR], ['command.refused', AUTHOR]]);
    expect(events[0]!.reason).toContain('(separation of duties); ask another maintainer who may grant waivers, or set waivers.allowSelf: true');
    expect(events[1]!.reason).toContain('or set overrides.allowSelf: true');
    expect(await waiversOf(app.store, 'Codertocat/Hello-World', 2)).toEqual([]);
    expect(await overrideOf(app.store, 'Codertocat/Hello-World', SHA)).toBeUndefined();
    await app.close();
  });

  it('with waivers.allowSelf: true the PR author may waive; the ledger entry says self-granted, and the gate honours it', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const checks: any[] = [];
    const comments: any[] = [];
    await openFailingPull(probot, app, checks, comments);

    const scopes = [configScope(ALLOW_SELF), permissionScope(AUTHOR, 'maintain'), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1'), ...evaluationScopes(ALLOW_SELF, checks, comments)];
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-11-25 reason: template rollout slips', { pull: true, sender: AUTHOR }), 'd-self-waive');
    expectDone(scopes);
    expect(events.map((e) => e.action)).toEqual(['waiver.granted', 'gate.decision-changed']);
    expect(events[0]).toMatchObject({ actor: AUTHOR, controlId: 'GA-30', after: { until: '2026-11-25', selfGranted: true } });
    expect(checks[1]).toMatchObject({ conclusion: 'success' });
    expect(comments[1].body).toMatch(/<summary>⚠️ <a [^>]+>GA-30<\/a> [^\n]*: waived by @\u200bCodertocat until 2026-11-25/);
    await app.close();
  });

  it('with overrides.allowSelf: true the PR author may override; the ledger entry says self-granted', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const checks: any[] = [];
    const comments: any[] = [];
    await openFailingPull(probot, app, checks, comments);

    const scopes = [configScope(ALLOW_SELF), permissionScope(AUTHOR, 'admin'), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1'), ...evaluationScopes(ALLOW_SELF, checks, comments)];
    await receive(probot, app, 'issue_comment', commentPayload('/override reason: INC-1234 hotfix', { pull: true, sender: AUTHOR }), 'd-self-override');
    expectDone(scopes);
    expect(events.map((e) => e.action)).toEqual(['override.granted', 'gate.decision-changed']);
    expect(events[0]).toMatchObject({ actor: AUTHOR, sha: SHA, after: { selfGranted: true, override: { by: AUTHOR } } });
    expect(checks[1].output.title).toMatch(/^Overridden by @Codertocat for commit ec26c3e/);
    await app.close();
  });

  it('a waiver the author gave themselves while allowed is not applied once the config no longer allows it', async () => {
    const { ledger } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const checks: any[] = [];
    const comments: any[] = [];
    await openFailingPull(probot, app, checks, comments);
    const granted = [configScope(ALLOW_SELF), permissionScope(AUTHOR, 'maintain'), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1'), ...evaluationScopes(ALLOW_SELF, checks, comments)];
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-11-25 reason: template rollout slips', { pull: true, sender: AUTHOR }), 'd-self-waive');
    expectDone(granted);
    expect(checks[1]).toMatchObject({ conclusion: 'success' });

    // The config on the default branch drops allowSelf; a writer asks for a re-run: the waiver is shown, rejected.
    const rerun = [configScope(), permissionScope('octocat', 'write'), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1', undefined, 492700401), ...evaluationScopes('', checks, comments)];
    await receive(probot, app, 'issue_comment', commentPayload('/gates rerun', { pull: true, sender: 'octocat', commentId: 492700401 }), 'd-rerun');
    expectDone(rerun);
    expect(checks[2]).toMatchObject({ conclusion: 'failure' });
    expect(comments[2].body).toContain('**GA-30** waiver by @\u200bCodertocat until 2026-11-25 (rejected, not applied: @\u200bCodertocat approved it on a pull request they opened, and Codertocat/Hello-World:.github/maestro.yml lets nobody waive their own pull request (waivers.allowSelf)): template rollout slips');
    await app.close();
  });
});
