import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { MaestroApp } from '../../../app/maestro-app.js';
import { MemoryStateStore } from '../../../adapters/state/memory-state-store.js';
import { readDriftEnv } from '../../../app/drift/read-drift-env.js';
import { workflows } from '../../core/drift/drift-fixtures.js';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../../app/main.js';
import { freePort } from '../../helpers/free-port.js';
import { createTestApp, privateKey } from '../../helpers/github-app.js';
import { fakeFixer } from './drift-fixer.js';

const API = 'https://api.github.com';
const oid = (text: string) => createHash('sha1').update(text).digest('hex');
let captured: { variables: Record<string, string> } | undefined;

/** A repository as the sweep's GraphQL query returns it, with no fix branch yet. */
function repoNode(owner: string, name: string, fixture: string): Record<string, unknown> {
  return {
    nameWithOwner: `${owner}/${name}`,
    defaultBranchRef: { name: 'main', target: { oid: oid(`${owner}/${name}`) } },
    workflows: { entries: workflows(fixture).map((f) => ({ name: f.path.split('/').at(-1), type: 'blob', object: { text: f.text, isBinary: false, isTruncated: false } })) },
    fix: null,
  };
}

describe('the drift sweep on the app\'s timer', () => {
  let app: MaestroApp | undefined;
  beforeAll(() => nock.disableNetConnect());
  afterEach(async () => {
    await app?.close();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  it('sweeps every installation in a dry run: lists what it would do, writes nothing, counts it; a failing installation does not stop the others', async () => {
    ({ app } = await createTestApp({ drift: { template: workflows('template'), templateSource: 'acme/ci-templates', intervalMs: 3_600_000, dryRun: true, fixer: fakeFixer() } }));
    const fixtures: Record<string, string> = { web: 'drifted', api: 'fixed' };
    const scope = nock(API)
      .get('/app/installations').query({ per_page: 100 })
      .reply(200, [{ id: 11, account: { login: 'acme', type: 'Organization' }, app_id: 2, target_type: 'Organization' }, { id: 12, account: { login: 'umbrella', type: 'Organization' }, app_id: 2, target_type: 'Organization' }])
      .post('/app/installations/11/access_tokens').reply(201, { token: 'ghs_acme', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
      .get('/installation/repositories').query({ per_page: 100 })
      .reply(200, { total_count: 2, repositories: [{ name: 'web', owner: { login: 'acme' }, archived: false }, { name: 'api', owner: { login: 'acme' }, archived: false }] })
      .post('/graphql', (body: { variables: Record<string, string> }) => ((captured = body), true))
      .reply(200, () => ({ data: Object.fromEntries(Object.keys(fixtures).map((_, i) => [`r${i}`, repoNode('acme', captured!.variables[`n${i}`]!, fixtures[captured!.variables[`n${i}`]!]!)])) }))
      .post('/app/installations/12/access_tokens').reply(403, { message: 'This installation has been suspended', documentation_url: 'https://docs.github.com/rest' });

    const sweeps = await app!.drift!.sweepAll();
    expect(scope.isDone()).toBe(true);
    expect(sweeps.map((s) => [s.account, s.results.map((r) => [r.repo, r.status, r.action, r.dryRun]), s.error === undefined])).toEqual([
      ['acme', [['acme/web', 'drift', 'open', true], ['acme/api', 'clean', 'none', true]], true],
      ['umbrella', [], false],
    ]);
    expect(sweeps[0]!.results[0]!.report?.kind).toBe('drift-report');
    const repos = (await app!.metrics.driftRepos.get()).values.map((v) => [v.labels, v.value]);
    expect(repos).toEqual(expect.arrayContaining([[{ status: 'drift', action: 'open', dry_run: 'true' }, 1], [{ status: 'clean', action: 'none', dry_run: 'true' }, 1]]));
    expect((await app!.metrics.driftSweeps.get()).values.map((v) => [v.labels.outcome, v.value]).sort()).toEqual([['done', 1], ['error', 1]]);
    expect((await app!.metrics.driftSweepDuration.get()).values.find((v) => v.metricName === 'maestro_drift_sweep_duration_seconds_count')?.value).toBe(1);
  });

  it('sweeps again one interval after each sweep ended, also after a sweep failed, until the app closes', async () => {
    ({ app } = await createTestApp({ drift: { template: workflows('template'), templateSource: 'acme/ci-templates', intervalMs: 250, dryRun: false } }));
    const scope = nock(API)
      .get('/app/installations').query({ per_page: 100 }).reply(500, { message: 'Server Error' })
      .get('/app/installations').query({ per_page: 100 }).reply(200, []);
    const ended = async () => (await app!.metrics.driftSweepDuration.get()).values.find((v) => v.metricName === 'maestro_drift_sweep_duration_seconds_count')?.value ?? 0;
    for (let i = 0; i < 300 && (await ended()) < 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await app!.close();
    expect(scope.isDone()).toBe(true);
    expect(await ended()).toBe(1);
    expect((await app!.metrics.driftSweeps.get()).values.map((v) => [v.labels.outcome, v.value])).toEqual([['error', 1]]);
    app = undefined;
  });

  it('leaves an installation\'s timed sweep to the replica that claimed it in the shared store', async () => {
    const shared = new MemoryStateStore();
    const drift = { template: workflows('template'), templateSource: 'acme/ci-templates', intervalMs: 200, dryRun: true };
    const replicas = [(await createTestApp({ drift, store: shared })).app, (await createTestApp({ drift, store: shared })).app];
    const scope = nock(API)
      .get('/app/installations').query({ per_page: 100 }).twice()
      .reply(200, [{ id: 11, account: { login: 'acme', type: 'Organization' }, app_id: 2, target_type: 'Organization' }])
      // One replica sweeps: one installation token, one repository listing.
      .post('/app/installations/11/access_tokens').once().reply(201, { token: 'ghs_acme', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
      .get('/installation/repositories').query({ per_page: 100 }).once().reply(200, { total_count: 0, repositories: [] });
    const listed = () => scope.pendingMocks().filter((m) => m.includes('/app/installations?')).length === 0;
    for (let i = 0; i < 300 && !(scope.isDone() && listed()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const replica of replicas) await replica.close();
    expect(scope.pendingMocks()).toEqual([]);
    const swept = await Promise.all(replicas.map(async (r) => (await r.metrics.driftSweeps.get()).values.reduce((n, v) => n + v.value, 0)));
    expect(swept.sort()).toEqual([0, 1]);
  });

  it('runs no sweep and sets no timer when sweeps are not configured', async () => {
    ({ app } = await createTestApp());
    expect(app!.drift).toBeUndefined();
  });
});

describe('npm start with a drift sweep', () => {
  const base = { APP_ID: '2', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'a-real-webhook-secret', HOST: '127.0.0.1', LOG_LEVEL: 'fatal' as const, DRIFT_SWEEP_INTERVAL: 'PT24H', LEDGER_STORE: pathToFileURL(mkdtempSync(join(tmpdir(), 'maestro-ledger-'))).href };

  it('reads the template once at start and schedules the sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-template-'));
    for (const f of workflows('template')) writeFileSync(join(dir, f.path.split('/').at(-1)!), f.text);
    const running = await startApp({ ...base, PORT: String(await freePort()), DRIFT_TEMPLATE: dir, DRIFT_DRY_RUN: 'true' }, { logTo: { write: () => {} } });
    try {
      expect(running.app.drift).toBeDefined();
    } finally {
      await running.stop();
    }
  });

  it('opens the evidence store at start, and sweeps only when dispatched without an interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-template-'));
    for (const f of workflows('template')) writeFileSync(join(dir, f.path.split('/').at(-1)!), f.text);
    const store = join(mkdtempSync(join(tmpdir(), 'maestro-drift-store-')), 'evidence');
    const { DRIFT_SWEEP_INTERVAL: _interval, ...dispatchOnly } = base;
    const running = await startApp({ ...dispatchOnly, PORT: String(await freePort()), DRIFT_TEMPLATE: dir, DRIFT_EVIDENCE_STORE: pathToFileURL(store).href, DRIFT_DISPATCH_REPO: 'platform-ci' }, { logTo: { write: () => {} } });
    try {
      expect(running.app.drift!.schedule).toMatchObject({ dispatchRepo: 'platform-ci', store: { url: pathToFileURL(store).href } });
      expect(running.app.drift!.schedule.intervalMs).toBeUndefined();
      expect(existsSync(store)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('refuses to start when the evidence store cannot be used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-template-'));
    for (const f of workflows('template')) writeFileSync(join(dir, f.path.split('/').at(-1)!), f.text);
    const blocked = join(mkdtempSync(join(tmpdir(), 'maestro-drift-blocked-')), 'file');
    writeFileSync(blocked, 'not a folder');
    await expect(startApp({ ...base, PORT: String(await freePort()), DRIFT_TEMPLATE: dir, DRIFT_EVIDENCE_STORE: pathToFileURL(join(blocked, 'evidence')).href })).rejects.toMatchObject({ code: 'STORE_ACCESS' });
  });

  it('refuses to start when the template holds no workflow', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'maestro-drift-empty-'));
    await expect(startApp({ ...base, PORT: String(await freePort()), DRIFT_TEMPLATE: empty })).rejects.toMatchObject({ code: 'ENV_INVALID', message: `DRIFT_TEMPLATE ${empty} holds no workflow file` });
  });
});

describe('readDriftEnv', () => {
  it.each<[string, NodeJS.ProcessEnv, ReturnType<typeof readDriftEnv> | RegExp]>([
    ['off by default', {}, undefined],
    ['a daily sweep of a template folder', { DRIFT_SWEEP_INTERVAL: 'PT24H', DRIFT_TEMPLATE: '/srv/ci' }, { intervalMs: 86_400_000, template: '/srv/ci', templateSource: '/srv/ci', templateRepo: 'maestro-conductor/maestro-conductor', dryRun: false, dispatchRepo: '.github' }],
    ['a dry run with a named source', { DRIFT_SWEEP_INTERVAL: 'PT6H', DRIFT_TEMPLATE: '/srv/ci', DRIFT_TEMPLATE_SOURCE: 'acme/ci@v3', DRIFT_DRY_RUN: 'TRUE' }, { intervalMs: 21_600_000, template: '/srv/ci', templateSource: 'acme/ci@v3', templateRepo: 'maestro-conductor/maestro-conductor', dryRun: true, dispatchRepo: '.github' }],
    ['sweeps only when dispatched from a named repository, reports stored in S3', { DRIFT_TEMPLATE: '/srv/ci', DRIFT_DISPATCH_REPO: 'platform-ci', DRIFT_EVIDENCE_STORE: 's3://evidence/drift?region=eu-west-1&retain-days=400' }, { template: '/srv/ci', templateSource: '/srv/ci', templateRepo: 'maestro-conductor/maestro-conductor', dryRun: false, dispatchRepo: 'platform-ci', evidenceStore: 's3://evidence/drift?region=eu-west-1&retain-days=400' }],
    ['a timer only: dispatches refused, reports in a folder', { DRIFT_SWEEP_INTERVAL: 'PT24H', DRIFT_TEMPLATE: '/srv/ci', DRIFT_DISPATCH_REPO: 'none', DRIFT_EVIDENCE_STORE: 'file:///var/lib/maestro/evidence' }, { intervalMs: 86_400_000, template: '/srv/ci', templateSource: '/srv/ci', templateRepo: 'maestro-conductor/maestro-conductor', dryRun: false, dispatchRepo: null, evidenceStore: 'file:///var/lib/maestro/evidence' }],
    ['an interval too short, no template and a bad dry-run flag, all named', { DRIFT_SWEEP_INTERVAL: 'PT1M', DRIFT_DRY_RUN: 'yes' }, /DRIFT_SWEEP_INTERVAL must be an ISO 8601 duration of at least PT5M, such as PT24H, got "PT1M"; DRIFT_TEMPLATE is not set .*; DRIFT_DRY_RUN must be true or false, got "yes"$/],
    ['an interval that is not a duration', { DRIFT_SWEEP_INTERVAL: 'daily', DRIFT_TEMPLATE: '/srv/ci' }, /got "daily"$/],
    ['a relative store folder', { DRIFT_TEMPLATE: '/srv/ci', DRIFT_EVIDENCE_STORE: 'evidence' }, /DRIFT_EVIDENCE_STORE must be an s3:\/\/<bucket>\/<prefix>\?\.\.\. or file:\/\/\/<path> URL, got "evidence"$/],
    ['an S3 store URL with credentials', { DRIFT_TEMPLATE: '/srv/ci', DRIFT_EVIDENCE_STORE: 's3://key:secret@evidence/drift' }, /DRIFT_EVIDENCE_STORE is not usable: store URL .* holds credentials$/],
    ['a template of another repository than maestro-conductor', { DRIFT_TEMPLATE: '/srv/ci', DRIFT_TEMPLATE_REPO: 'acme/ci-templates' }, { template: '/srv/ci', templateSource: '/srv/ci', templateRepo: 'acme/ci-templates', dryRun: false, dispatchRepo: '.github' }],
    ['a template repository that is not owner/name', { DRIFT_TEMPLATE: '/srv/ci', DRIFT_TEMPLATE_REPO: 'ci-templates' }, /DRIFT_TEMPLATE_REPO must be the template's repository as owner\/name, got "ci-templates"$/],
    ['a dispatch repository that is not a name', { DRIFT_TEMPLATE: '/srv/ci', DRIFT_DISPATCH_REPO: 'acme/../x' }, /DRIFT_DISPATCH_REPO must be a repository name/],
  ])('%s', (_what, env, expected) => {
    if (expected instanceof RegExp) expect(() => readDriftEnv(env)).toThrow(expected);
    else expect(readDriftEnv(env)).toEqual(expected);
  });
});
