import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createTestApp, pinGitHubRequests, tokenScope } from '../helpers/github-app.js';

import { API, REPO, COMMENT, commentPayload, configScope, permissionScope, reactionScope, settle, receive, expectDone, recordingLedger } from '../helpers/command-scopes.js';

describe('slash commands on issues: housekeeping and tasks', () => {
  pinGitHubRequests();

  it('issue housekeeping by a triager: labels, priority replacing the old one, assignees and milestone, acknowledged with a reaction only', async () => {
    const { probot, app } = await createTestApp();
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('Codertocat', 'triage'),
      nock(API).post(`${REPO}/issues/1/labels`, { labels: ['needs review', 'security'] }).reply(200, []),
      nock(API).delete(`${REPO}/issues/1/labels/P0`).reply(200, []),
      nock(API).post(`${REPO}/issues/1/labels`, { labels: ['P1'] }).reply(200, []),
      nock(API).post(`${REPO}/issues/1/assignees`, { assignees: ['octocat', 'hubot'] }).reply(201, { number: 1, assignees: [{ login: 'octocat' }, { login: 'hubot' }] }),
      nock(API).get(`${REPO}/milestones`).query({ state: 'all', per_page: 100 }).reply(200, [{ number: 3, title: 'GA 1.0' }]),
      nock(API).patch(`${REPO}/issues/1`, { milestone: 3 }).reply(200, { number: 1 }),
      reactionScope('+1'),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/label "needs review" security\n/priority p1\n/assign @octocat hubot\n/milestone "ga 1.0"', { labels: ['bug', 'P0'] }), 'd-house');
    expectDone(scopes);
    await app.close();
  });

  it('says which users GitHub did not assign and which milestone is missing, without creating it unless configured', async () => {
    const { probot, app } = await createTestApp();
    const replies: any[] = [];
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('Codertocat', 'write'),
      nock(API).post(`${REPO}/issues/1/assignees`).reply(201, { number: 1, assignees: [{ login: 'octocat' }] }),
      nock(API).get(`${REPO}/milestones`).query(true).reply(200, []),
      reactionScope('confused'),
      nock(API).post(`${REPO}/issues/1/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/assign @octocat @stranger\n/milestone Q3'), 'd-house-2');
    expectDone(scopes);
    expect(replies[0].body).toContain('GitHub did not assign @\u200bstranger');
    expect(replies[0].body).toContain('has no milestone named "Q3"');
    await app.close();
  });

  it('/create-task all in an epic opens one child issue per work order and a task list; running it again opens nothing', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const epicBody = [
      'Sprint plan for GA.',
      '',
      '### 3) Evidence Immutability (WORM) — **P0 / High / Effort: M** — **Owner:** Platform',
      'Store evidence bundles with S3 Object Lock in compliance mode.',
      '',
      '### 8) Evidence Panel (Supply Chain) — **P1 / Medium / Effort: M** — **Owner:** Security + Platform',
      'Show SBOM diff and attestation status on every PR.',
    ].join('\n');
    const epic = { number: 1, title: 'GA readiness', html_url: 'https://github.com/Codertocat/Hello-World/issues/1', body: epicBody, created_at: '2026-11-01T09:00:00Z', state: 'open' };
    const created: any[] = [];
    const epicUpdates: any[] = [];
    const replies: any[] = [];
    const first = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('Codertocat', 'write'),
      nock(API).get(`${REPO}/issues/1`).reply(200, epic),
      nock(API).get(`${REPO}/issues`).query({ state: 'all', since: '2026-11-01T09:00:00Z', per_page: 100 }).reply(200, []),
      nock(API).post(`${REPO}/issues`).reply(201, async (request: Request) => (created.push(await request.json()), { number: 10 })),
      nock(API).post(`${REPO}/issues`).reply(201, async (request: Request) => (created.push(await request.json()), { number: 11 })),
      nock(API).patch(`${REPO}/issues/1`).reply(200, async (request: Request) => (epicUpdates.push(await request.json()), { number: 1 })),
      reactionScope('+1'),
      nock(API).post(`${REPO}/issues/1/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/create-task all', { issueBody: epicBody }), 'd-tasks');
    expectDone(first);
    expect(created.map((c) => [c.title, c.labels])).toEqual([
      ['3) Evidence Immutability (WORM)', ['P0']],
      ['8) Evidence Panel (Supply Chain)', ['P1']],
    ]);
    expect(created[0].body).toContain('Part of #1');
    expect(created[1].body).toContain('Show SBOM diff and attestation status on every PR.');
    expect(epicUpdates[0].body).toContain('- [ ] #10');
    expect(epicUpdates[0].body).toContain('- [ ] #11');
    expect(replies[0].body).toContain('Created #10, #11.');
    expect(events.filter((e) => e.action === 'task.created').map((e) => e.after)).toEqual([
      { issue: 10, workOrder: '3', title: '3) Evidence Immutability (WORM)' },
      { issue: 11, workOrder: '8', title: '8) Evidence Panel (Supply Chain)' },
    ]);

    // The same command again, in a new comment: the children carry the app's marker and the epic lists them.
    const children = created.map((c, i) => ({ number: 10 + i, title: c.title, body: c.body, state: 'open', user: { login: 'maestro-conductor[bot]', type: 'Bot' } }));
    const second = [
      configScope(),
      nock(API).get(`${REPO}/issues/1`).reply(200, { ...epic, body: epicUpdates[0].body }),
      nock(API).get(`${REPO}/issues`).query(true).reply(200, children),
      reactionScope('+1', undefined, COMMENT + 1),
      nock(API).post(`${REPO}/issues/1/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 10 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/create-task all', { issueBody: epicUpdates[0].body, commentId: COMMENT + 1 }), 'd-tasks-2');
    expectDone(second);
    expect(replies[1].body).toContain('Nothing to create. Already tracked: #10, #11.');
    await app.close();
  });

  it('/milestone creates a missing milestone when the config allows it, and /unassign removes assignees', async () => {
    const { probot, app } = await createTestApp();
    const scopes = [
      tokenScope(),
      configScope('commands:\n  createMilestones: true\n'),
      permissionScope('Codertocat', 'maintain'),
      nock(API).delete(`${REPO}/issues/1/assignees`, { assignees: ['octocat'] }).reply(200, { number: 1, assignees: [] }),
      nock(API).get(`${REPO}/milestones`).query(true).reply(200, [{ number: 3, title: 'GA 1.0' }]),
      nock(API).post(`${REPO}/milestones`, { title: 'GA 1.1' }).reply(201, { number: 4, title: 'GA 1.1' }),
      nock(API).patch(`${REPO}/issues/1`, { milestone: 4 }).reply(200, { number: 1 }),
      reactionScope('+1'),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/unassign @octocat\n/milestone GA 1.1'), 'd-ms');
    expectDone(scopes);
    await app.close();
  });

  it('leaves the command words of other tools alone when the config lists them', async () => {
    const { probot, app } = await createTestApp();
    const scopes = [
      tokenScope(),
      configScope('commands:\n  ignore: [lgtm, approve]\n'),
      permissionScope('Codertocat', 'triage'),
      nock(API).post(`${REPO}/issues/1/labels`, { labels: ['reviewed'] }).reply(200, []),
      reactionScope('+1'),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/lgtm\n/approve\n/label reviewed'), 'd-other-bots');
    expectDone(scopes);
    await app.close();
  });

  it('runs the commands of two comments on one epic one after the other, so the second sees the first one\'s children', async () => {
    const { probot, app } = await createTestApp();
    const epicBody = '### 1) Identity & Access (SSO) — **P0 / High / Effort: L** — **Owner:** Platform\nSSO for every tenant.';
    const epic = { number: 1, title: 'GA', html_url: 'https://github.com/Codertocat/Hello-World/issues/1', body: epicBody, created_at: '2026-11-01T09:00:00Z', state: 'open' };
    let child: any;
    let listedBody = epicBody;
    const scopes = [
      tokenScope(),
      configScope(undefined, true),
      permissionScope('Codertocat', 'write'),
      nock(API).get(`${REPO}/issues/1`).reply(200, () => ({ ...epic, body: listedBody })),
      nock(API).get(`${REPO}/issues`).query(true).reply(200, []),
      nock(API).post(`${REPO}/issues`, (body) => (child = body, true)).reply(201, { number: 7 }),
      nock(API).patch(`${REPO}/issues/1`, (body) => ((listedBody = body.body), true)).reply(200, { number: 1 }),
      reactionScope('+1'),
      nock(API).post(`${REPO}/issues/1/comments`).reply(201, { id: 9 }),
      configScope(),
      nock(API).get(`${REPO}/issues/1`).reply(200, () => ({ ...epic, body: listedBody })),
      nock(API).get(`${REPO}/issues`).query(true).reply(200, () => [{ number: 7, body: child.body, state: 'open', user: { login: 'maestro-conductor[bot]' } }]),
      reactionScope('+1'),
      nock(API).post(`${REPO}/issues/1/comments`, (body) => body.body.includes('Nothing to create. Already tracked: #7.')).reply(201, { id: 10 }),
    ];
    await Promise.all([
      probot.receive({ id: 'd-a', name: 'issue_comment', payload: commentPayload('/create-task 1') } as never),
      probot.receive({ id: 'd-b', name: 'issue_comment', payload: commentPayload('/create-task all') } as never),
    ]);
    await settle(app);
    expectDone(scopes);
    await app.close();
  });
});
