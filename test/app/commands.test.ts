import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Probot } from 'probot';
import type { MaestroApp } from '../../app/maestro-app.js';
import { MemoryStateStore } from '../../adapters/state/memory-state-store.js';
import { restoreGrants } from '../../app/state/restore-grants.js';
import { overrideOf, waiversOf } from '../../app/state/waiver-records.js';
import { verifyLedgerStore } from '../../flows/verify-ledger-store.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import { COMMAND_REPLY_MARKER } from '../../core/render/render-command-reply.js';
import { apiRequests, createTestApp, examplePayload, INSTALLATION, pinGitHubRequests, tempLedger, tokenScope } from '../helpers/github-app.js';
import { EVENT_AT } from '../helpers/clock.js';

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const CONFIG_PATH = `${REPO}/contents/.github%2Fmaestro.yml`;
const ORG_CONFIG_PATH = '/repos/Codertocat/.github/contents/.github%2Fmaestro.yml';
const COMMENT = 492700400;

/** A real issue_comment payload, on PR #2 of the pull_request example (or on issue #1), with this body. */
function commentPayload(body: string, options: { pull?: boolean; sender?: string; action?: 'created' | 'edited'; from?: string; labels?: string[]; issueBody?: string; commentId?: number } = {}): Record<string, any> {
  const payload = examplePayload('issue_comment', options.action ?? 'created');
  payload.installation = { id: INSTALLATION };
  payload.comment.body = body;
  if (options.commentId !== undefined) payload.comment.id = options.commentId;
  if (options.sender) {
    payload.sender.login = options.sender;
    payload.comment.user.login = options.sender;
  }
  if (options.from !== undefined) payload.changes = { body: { from: options.from } };
  if (options.labels) payload.issue.labels = options.labels.map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: '', name, color: 'ededed', default: false, description: null }));
  if (options.issueBody !== undefined) payload.issue.body = options.issueBody;
  if (options.pull) {
    payload.issue.number = 2;
    payload.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/2`, html_url: 'https://github.com/Codertocat/Hello-World/pull/2', diff_url: '', patch_url: '', merged_at: null };
  }
  return payload;
}

/** The PR as `GET /pulls/2` returns it (the pull_request example's PR, open, head SHA). */
function pullResponse(): Record<string, unknown> {
  return examplePayload('pull_request', 'opened').pull_request;
}

/**
 * The repo config read: absent (404), or `yaml`. Without a repo config the org's .github repo is
 * asked too, but only on the app's first read (`org`): its answer is remembered for a few minutes.
 */
function configScope(yaml?: string, org = false): nock.Scope {
  const scope = nock(API);
  if (yaml !== undefined) return scope.get(CONFIG_PATH).reply(200, yaml, { 'content-type': 'text/plain; charset=utf-8' });
  scope.get(CONFIG_PATH).reply(404, { message: 'Not Found' });
  return org ? scope.get(ORG_CONFIG_PATH).reply(404, { message: 'Not Found' }) : scope;
}

function permissionScope(user: string, role: 'admin' | 'maintain' | 'write' | 'triage' | 'read'): nock.Scope {
  const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
  return nock(API).get(`${REPO}/collaborators/${user}/permission`).reply(200, { permission, role_name: role, user: { login: user, id: 1, type: 'User' } });
}

function reactionScope(content: '+1' | 'confused', captured?: string[], comment = COMMENT): nock.Scope {
  return nock(API)
    .post(`${REPO}/issues/comments/${comment}/reactions`, (body) => (captured?.push(body.content), body.content === content))
    .reply(201, { id: 1, content });
}

/** The requests of a first evaluation of PR #2 with no evidence: it fails on GA-30 (missing). */
function firstEvaluationScopes(checks: any[], comments: any[]): nock.Scope[] {
  return [
    nock(API).get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] }),
    configScope(undefined, true),
    nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] }),
    nock(API).get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified' }]),
    nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (comments.push(await request.json()), { id: 555 })),
    nock(API).post(`${REPO}/check-runs`).reply(201, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
  ];
}

/** The requests of a later evaluation of PR #2 (its files at this commit are known): config, artifacts, then the comment and check updated in place. */
function laterEvaluationScopes(checks: any[], comments: any[]): nock.Scope[] {
  return [
    configScope(),
    nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] }),
    nock(API).patch(`${REPO}/issues/comments/555`).reply(200, async (request: Request) => (comments.push(await request.json()), { id: 555 })),
    nock(API).patch(`${REPO}/check-runs/777`).reply(200, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
  ];
}

/** PR #2 is opened with no evidence: its first evaluation fails (check 777, comment 555). */
async function openFailingPull(probot: Probot, app: MaestroApp, checks: any[], comments: any[]): Promise<void> {
  const opened = [tokenScope(), ...firstEvaluationScopes(checks, comments)];
  const pr = examplePayload('pull_request', 'opened');
  pr.installation = { id: INSTALLATION };
  pr.pull_request.updated_at = EVENT_AT;
  await receive(probot, app, 'pull_request', pr, 'd-open');
  expectDone(opened);
}

async function settle(app: MaestroApp): Promise<void> {
  await app.settled();
  await app.queue!.onIdle();
}

async function receive(probot: Probot, app: MaestroApp, name: string, payload: Record<string, any>, id: string): Promise<void> {
  await probot.receive({ id, name, payload } as never);
  await settle(app);
}

function expectDone(scopes: nock.Scope[]): void {
  for (const scope of scopes) expect(scope.pendingMocks()).toEqual([]);
}

/** A real ledger in a temporary folder that also hands the test what was appended. */
async function recordingLedger(): Promise<{ ledger: Awaited<ReturnType<typeof tempLedger>>; events: AuditEvent[] }> {
  const real = await tempLedger();
  const events: AuditEvent[] = [];
  const ledger = Object.assign(Object.create(real) as typeof real, {
    append: (event: AuditEvent) => {
      events.push(event);
      return real.append(event);
    },
  });
  return { ledger, events };
}

describe('slash commands', () => {
  pinGitHubRequests();

  it('/waive by a maintainer: the gate decides again at once and passes with the waiver shown; when the waiver ends, the app fails the PR again by itself', async () => {
    let now = new Date('2026-11-20T12:00:00Z');
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger, now: () => now });
    const checks: any[] = [];
    const comments: any[] = [];

    await openFailingPull(probot, app, checks, comments);
    expect(checks[0]).toMatchObject({ conclusion: 'failure' });

    const waive = [
      configScope(),
      permissionScope('Codertocat', 'maintain'),
      nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()),
      reactionScope('+1'),
      ...laterEvaluationScopes(checks, comments),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('Accepted risk, see ticket.\n/waive ga-30 until 2026-11-25 reason: "CI template rollout slips a week — SEC-7"', { pull: true }), 'd-waive');
    expectDone(waive);
    expect(checks[1]).toMatchObject({ conclusion: 'success' });
    expect(comments[1].body).toContain('**GA-30** waived by @\u200bCodertocat until 2026-11-25 (active): CI template rollout slips a week — SEC-7');
    expect(events.map((e) => e.action)).toEqual(['waiver.granted', 'gate.decision-changed']);
    expect(events[0]).toMatchObject({ actor: 'Codertocat', deliveryId: 'd-waive', repo: 'Codertocat/Hello-World', number: 2, sha: SHA, controlId: 'GA-30', reason: 'CI template rollout slips a week — SEC-7', after: { until: '2026-11-25' } });
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
    expect((await verifyLedgerStore({ location: ledger.url })).ok).toBe(true);

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

  it('/override by an admin passes the gate for this commit only, shown as an override; the next push clears it', async () => {
    const { ledger, events } = await recordingLedger();
    const { probot, app } = await createTestApp({ ledger });
    const checks: any[] = [];
    const comments: any[] = [];
    await openFailingPull(probot, app, checks, comments);

    const override = [configScope(), permissionScope('Codertocat', 'admin'), nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()), reactionScope('+1'), ...laterEvaluationScopes(checks, comments)];
    await receive(probot, app, 'issue_comment', commentPayload('/override reason: INC-1234 hotfix, evidence follows', { pull: true }), 'd-override');
    expectDone(override);
    expect(checks[1].conclusion).toBe('success');
    expect(checks[1].output.title).toMatch(/^Overridden by @Codertocat for commit ec26c3e \(reason: INC-1234 hotfix, evidence follows\)\. Without the override: /);
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
    expect(await overrideOf(fresh, 'Codertocat/Hello-World', SHA)).toMatchObject({ by: 'Codertocat', sha: SHA, reason: 'INC-1234 hotfix, evidence follows' });
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
      permissionScope('Codertocat', 'admin'),
      nock(API).get(`${REPO}/pulls/2`).reply(200, pullResponse()),
      reactionScope('confused'),
      nock(API).post(`${REPO}/issues/2/comments`).reply(201, async (request: Request) => (replies.push(await request.json()), { id: 9 })),
    ];
    await receive(probot, app, 'issue_comment', commentPayload('/waive GA-30 until 2026-11-25 reason: vendor fix', { pull: true }), 'd-no-ledger');
    expectDone(scopes);
    expect(replies[0].body).toContain('- line 1: `/waive GA-30 until 2026-11-25 reason: vendor fix`: the audit ledger could not record it (FILE\\_UNREADABLE); the act was not recorded, so it was not done.');
    // Where the ledger lives stays in the app's log, not in a public comment.
    expect(replies[0].body).not.toContain('maestro-ledger-');
    expect(await waiversOf(app.store, 'Codertocat/Hello-World', 2)).toEqual([]);
    await app.close();
  });
});
