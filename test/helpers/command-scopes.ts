/** Scopes and payloads of the slash-command tests of the App (test/app/*commands.test.ts): GitHub as nock answers it. */
import { expect } from '@jest/globals';
import nock from 'nock';
import type { Probot } from 'probot';
import type { MaestroApp } from '../../app/maestro-app.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import { EVENT_AT } from './clock.js';
import { examplePayload, INSTALLATION, tempLedger, tokenScope } from './github-app.js';

export const API = 'https://api.github.com';
export const REPO = '/repos/Codertocat/Hello-World';
export const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const CONFIG_PATH = `${REPO}/contents/.github%2Fmaestro.yml`;
export const ORG_CONFIG_PATH = '/repos/Codertocat/.github/contents/.github%2Fmaestro.yml';
export const COMMENT = 492700400;

/** A real issue_comment payload, on PR #2 of the pull_request example (or on issue #1), with this body. */
export function commentPayload(body: string, options: { pull?: boolean; sender?: string; action?: 'created' | 'edited'; from?: string; labels?: string[]; issueBody?: string; commentId?: number } = {}): Record<string, any> {
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
export function pullResponse(): Record<string, unknown> {
  return examplePayload('pull_request', 'opened').pull_request;
}

/**
 * The repo config read: absent (404), or `yaml`. Without a repo config the org's .github repo is
 * asked too, but only on the app's first read (`org`): its answer is remembered for a few minutes.
 */
export function configScope(yaml?: string, org = false): nock.Scope {
  const scope = nock(API);
  // A repo config of its own: the org's .github config is read too, for its mode and catalog (once, then remembered).
  if (yaml !== undefined) return scope.get(CONFIG_PATH).reply(200, yaml, { 'content-type': 'text/plain; charset=utf-8' }).get(ORG_CONFIG_PATH).optionally().reply(404, { message: 'Not Found' });
  scope.get(CONFIG_PATH).reply(404, { message: 'Not Found' });
  return org ? scope.get(ORG_CONFIG_PATH).reply(404, { message: 'Not Found' }) : scope;
}

export function permissionScope(user: string, role: 'admin' | 'maintain' | 'write' | 'triage' | 'read'): nock.Scope {
  const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
  return nock(API).get(`${REPO}/collaborators/${user}/permission`).reply(200, { permission, role_name: role, user: { login: user, id: 1, type: 'User' } });
}

export function reactionScope(content: '+1' | 'confused', captured?: string[], comment = COMMENT): nock.Scope {
  return nock(API)
    .post(`${REPO}/issues/comments/${comment}/reactions`, (body) => (captured?.push(body.content), body.content === content))
    .reply(201, { id: 1, content });
}

/** The requests of a first evaluation of PR #2 with no evidence: it fails on GA-30 (missing). */
export function firstEvaluationScopes(checks: any[], comments: any[]): nock.Scope[] {
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
export function laterEvaluationScopes(checks: any[], comments: any[]): nock.Scope[] {
  return [
    configScope(),
    nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 0, artifacts: [] }),
    nock(API).patch(`${REPO}/issues/comments/555`).reply(200, async (request: Request) => (comments.push(await request.json()), { id: 555 })),
    nock(API).patch(`${REPO}/check-runs/777`).reply(200, async (request: Request) => (checks.push(await request.json()), { id: 777 })),
  ];
}

/** PR #2 is opened with no evidence: its first evaluation fails (check 777, comment 555). */
export async function openFailingPull(probot: Probot, app: MaestroApp, checks: any[], comments: any[]): Promise<void> {
  const opened = [tokenScope(), ...firstEvaluationScopes(checks, comments)];
  const pr = examplePayload('pull_request', 'opened');
  pr.installation = { id: INSTALLATION };
  pr.pull_request.updated_at = EVENT_AT;
  await receive(probot, app, 'pull_request', pr, 'd-open');
  expectDone(opened);
}

export async function settle(app: MaestroApp): Promise<void> {
  await app.settled();
  await app.queue!.onIdle();
}

export async function receive(probot: Probot, app: MaestroApp, name: string, payload: Record<string, any>, id: string): Promise<void> {
  await probot.receive({ id, name, payload } as never);
  await settle(app);
}

export function expectDone(scopes: nock.Scope[]): void {
  for (const scope of scopes) expect(scope.pendingMocks()).toEqual([]);
}

/** A real ledger in a temporary folder that also hands the test what was appended. */
export async function recordingLedger(): Promise<{ ledger: Awaited<ReturnType<typeof tempLedger>>; events: AuditEvent[] }> {
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
