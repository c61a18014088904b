import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Probot } from 'probot';
import type { MaestroApp } from '../../../app/maestro-app.js';
import type { DriftSweepSummary } from '../../../core/drift/to-drift-sweep-summary.js';
import { FileStore } from '../../../adapters/store/file-store.js';
import { workflows } from '../../core/drift/drift-fixtures.js';
import { createTestApp, examplePayload } from '../../helpers/github-app.js';
import { fakeFixer } from './drift-fixer.js';

const API = 'https://api.github.com';
let captured: { variables: Record<string, string> } | undefined;

/** GitHub's own repository_dispatch example (octo-org/octo-repo, sent by Codertocat), with the sweep's event_type. */
function dispatch(clientPayload: unknown = {}): Record<string, any> {
  const payload = examplePayload('repository_dispatch', 'on-demand-test');
  payload.action = 'maestro-drift-sweep';
  payload.client_payload = clientPayload;
  return payload;
}
const INSTALLATION = dispatch().installation.id as number;

function permissionScope(permission: string): nock.Scope {
  return nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, { token: 'ghs_octo', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
    .get('/repos/octo-org/octo-repo/collaborators/Codertocat/permission')
    .reply(200, { permission, role_name: permission, user: { login: 'Codertocat', type: 'User' } });
}

/** The sweep's reads of the installation's one repository (a dry run writes nothing). */
function sweepScope(scope: nock.Scope): nock.Scope {
  return scope
    .get('/installation/repositories').query({ per_page: 100 })
    .reply(200, { total_count: 1, repositories: [{ name: 'octo-repo', owner: { login: 'octo-org' }, archived: false }] })
    .post('/graphql', (body: { variables: Record<string, string> }) => ((captured = body), true))
    .reply(200, () => ({
      data: {
        r0: {
          nameWithOwner: `octo-org/${captured!.variables.n0}`,
          defaultBranchRef: { name: 'main', target: { oid: createHash('sha1').update('octo').digest('hex') } },
          workflows: { entries: workflows('drifted').map((f) => ({ name: f.path.split('/').at(-1), type: 'blob', object: { text: f.text, isBinary: false, isTruncated: false } })) },
          fix: null,
        },
      },
    }));
}

const dispatches = async (app: MaestroApp) => (await app.metrics.driftDispatches.get()).values.map((v) => [v.labels.outcome, v.labels.reason, v.value]);

describe('a drift sweep dispatched with repository_dispatch', () => {
  let app: MaestroApp | undefined;
  let probot: Probot;
  let store: FileStore;
  beforeAll(() => nock.disableNetConnect());
  afterEach(async () => {
    await app?.close();
    app = undefined;
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  async function start(options: { dispatchRepo?: string | null; dryRun?: boolean; drift?: boolean } = {}): Promise<void> {
    store = new FileStore(mkdtempSync(join(tmpdir(), 'maestro-dispatch-')));
    ({ app, probot } = await createTestApp(options.drift === false ? {} : { drift: { template: workflows('template'), templateSource: 'acme/ci-templates', dryRun: options.dryRun ?? false, store, dispatchRepo: 'dispatchRepo' in options ? options.dispatchRepo : 'octo-repo', fixer: fakeFixer() } }));
  }

  it('sweeps the installation when an admin of the configured repository sends it, as a dry run when asked, and stores the evidence', async () => {
    await start();
    const scope = sweepScope(permissionScope('admin'));
    await probot.receive({ id: 'd-1', name: 'repository_dispatch', payload: dispatch({ dry_run: true }) } as never);
    await app!.settled();
    await app!.drift!.idle();
    expect(scope.isDone()).toBe(true);
    expect(await dispatches(app!)).toEqual([['started', '', 1]]);
    expect((await app!.metrics.driftRepos.get()).values.map((v) => [v.labels, v.value])).toEqual([[{ status: 'drift', action: 'open', dry_run: 'true' }, 1]]);
    const [summaryKey] = (await store.list()).filter((k) => k.endsWith('/octo-org.json'));
    const summary = JSON.parse((await store.read(summaryKey!, 1 << 20))!.toString('utf8')) as DriftSweepSummary;
    expect(summary.sweep).toMatchObject({ installationId: INSTALLATION, account: 'octo-org', dryRun: true, trigger: { type: 'dispatch', repo: 'octo-org/octo-repo', sender: 'Codertocat' } });
    expect(summary.repos).toEqual([expect.objectContaining({ repo: 'octo-org/octo-repo', status: 'drift', action: 'open', pr: null })]);
  });

  it('throttles a second dispatch right after the first, without asking GitHub', async () => {
    await start({ dryRun: true });
    const scope = sweepScope(permissionScope('admin'));
    await probot.receive({ id: 'd-1', name: 'repository_dispatch', payload: dispatch() } as never);
    await probot.receive({ id: 'd-2', name: 'repository_dispatch', payload: dispatch() } as never);
    await app!.settled();
    await app!.drift!.idle();
    expect(scope.isDone()).toBe(true);
    expect(await dispatches(app!)).toEqual([['started', '', 1], ['throttled', 'recent', 1]]);
  });

  it('throttles an admin\'s dispatch that another replica already started (claimed in the shared state store)', async () => {
    await start();
    await app!.store.set(`drift-dispatch:${INSTALLATION}`, 'claimed-by-another-replica', 300);
    const scope = permissionScope('admin');
    await probot.receive({ id: 'd-1', name: 'repository_dispatch', payload: dispatch() } as never);
    await app!.settled();
    expect(scope.isDone()).toBe(true);
    expect(await dispatches(app!)).toEqual([['throttled', 'recent', 1]]);
  });

  it.each(['write', 'maintain', 'read'])('refuses a sender with %s permission: logged, counted, nothing swept', async (permission) => {
    await start();
    const scope = permissionScope(permission);
    await probot.receive({ id: 'd-1', name: 'repository_dispatch', payload: dispatch() } as never);
    await app!.settled();
    await app!.drift!.idle();
    expect(scope.isDone()).toBe(true);
    expect(await dispatches(app!)).toEqual([['refused', 'sender', 1]]);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a sender who is not a collaborator (GitHub answers 404)', async () => {
    await start();
    const scope = nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, { token: 'ghs_octo', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
      .get('/repos/octo-org/octo-repo/collaborators/Codertocat/permission').reply(404, { message: 'Not Found' });
    await probot.receive({ id: 'd-1', name: 'repository_dispatch', payload: dispatch() } as never);
    await app!.settled();
    expect(scope.isDone()).toBe(true);
    expect(await dispatches(app!)).toEqual([['refused', 'sender', 1]]);
  });

  it.each<[string, { dispatchRepo?: string | null; drift?: boolean }, Record<string, any>, string]>([
    ['from another repository than the configured one', { dispatchRepo: '.github' }, dispatch(), 'repository'],
    ['when dispatches are turned off', { dispatchRepo: null }, dispatch(), 'repository'],
    ['when sweeps are not configured', { drift: false }, dispatch(), 'not-configured'],
    ['with a client_payload it does not know', {}, dispatch({ dry_run: 'please' }), 'payload'],
    ['from an app\'s bot', {}, { ...dispatch(), sender: { ...dispatch().sender, login: 'ci[bot]', type: 'Bot' } }, 'sender'],
  ])('refuses a dispatch %s without any GitHub request', async (_what, options, payload, reason) => {
    await start(options);
    await probot.receive({ id: 'd-1', name: 'repository_dispatch', payload } as never);
    await app!.settled();
    expect(await dispatches(app!)).toEqual([['refused', reason, 1]]);
  });
});
