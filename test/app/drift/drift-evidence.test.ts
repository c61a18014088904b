import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, PutObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import nock from 'nock';
import type { MaestroApp } from '../../../app/maestro-app.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DRIFT_SWEEP_SUMMARY_SCHEMA } from '../../../core/drift/drift-sweep-summary-schema.js';
import type { DriftSweepSummary } from '../../../core/drift/to-drift-sweep-summary.js';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import type { EvidenceStore } from '../../../core/ports/evidence-store.js';
import { openStore } from '../../../adapters/store/open-store.js';
import { workflows } from '../../core/drift/drift-fixtures.js';
import { createTestApp } from '../../helpers/github-app.js';
import { asFixApp, driftFixApp, fixAppInstallation } from './drift-fixer.js';
import { startService } from '../../helpers/services.js';
import { wallClock } from '../../helpers/clock.js';

const API = 'https://api.github.com';
const oid = (text: string) => createHash('sha1').update(text).digest('hex');
let captured: { variables: Record<string, string> } | undefined;
const FIXTURES: Record<string, string> = { web: 'drifted', api: 'fixed', docs: 'invalid' };

function repoNode(name: string): Record<string, unknown> {
  return {
    nameWithOwner: `acme/${name}`,
    defaultBranchRef: { name: 'main', target: { oid: oid(`acme/${name}`) } },
    workflows: { entries: workflows(FIXTURES[name]!).map((f) => ({ name: f.path.split('/').at(-1), type: 'blob', object: { text: f.text, isBinary: false, isTruncated: false } })) },
    fix: null,
  };
}

/** One installation, three repositories: web drifted (its fix pull request is opened), api clean, docs with a workflow that does not parse. */
function githubScope(): { isDone(): boolean } {
  const reads = nock(API)
    .get('/app/installations').query({ per_page: 100 })
    .reply(200, [{ id: 11, account: { login: 'acme', type: 'Organization' }, app_id: 2, target_type: 'Organization' }])
    .post('/app/installations/11/access_tokens').reply(201, { token: 'ghs_acme', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
    .get('/installation/repositories').query({ per_page: 100 })
    .reply(200, { total_count: 3, repositories: Object.keys(FIXTURES).map((name) => ({ name, owner: { login: 'acme' }, archived: false })) })
    .post('/graphql', (body: { variables: Record<string, string> }) => ((captured = body), true))
    .reply(200, () => ({ data: Object.fromEntries(Object.keys(FIXTURES).map((_, i) => [`r${i}`, repoNode(captured!.variables[`n${i}`]!)])) }));
  // The fix pull request is written by the drift-fix App, with its own token.
  const installation = fixAppInstallation('acme', 'web');
  const writes = asFixApp()
    .post('/repos/acme/web/git/trees').reply(201, { sha: 'a'.repeat(40) })
    .post('/repos/acme/web/git/commits').reply(201, { sha: 'b'.repeat(40) })
    .post('/repos/acme/web/git/refs').reply(201, { ref: 'refs/heads/maestro/ci-template', object: { sha: 'b'.repeat(40) } })
    .post('/repos/acme/web/pulls').reply(201, { number: 12, html_url: 'https://github.com/acme/web/pull/12' });
  return { isDone: () => reads.isDone() && installation.isDone() && writes.isDone() };
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const validateSummary = ajv.compile(DRIFT_SWEEP_SUMMARY_SCHEMA);

/** Runs one sweep into `store` and checks what it stored: three valid drift-reports, the summary last, naming each by digest. */
async function sweepInto(store: EvidenceStore): Promise<{ app: MaestroApp; summary: DriftSweepSummary }> {
  const { app } = await createTestApp({ drift: { template: workflows('template'), templateSource: 'acme/ci-templates', dryRun: false, store, fixer: driftFixApp() } });
  const scope = githubScope();
  const [sweep] = await app.drift!.sweepAll();
  expect(scope.isDone()).toBe(true);
  expect(sweep).toMatchObject({ account: 'acme', stored: 'drift/20261120T120000Z/acme.json' });
  expect(sweep!.error).toBeUndefined();
  expect(await store.list()).toEqual(['drift/20261120T120000Z/acme.json', 'drift/20261120T120000Z/acme/api.json', 'drift/20261120T120000Z/acme/docs.json', 'drift/20261120T120000Z/acme/web.json']);
  const summary = JSON.parse((await store.read('drift/20261120T120000Z/acme.json', 1 << 20))!.toString('utf8')) as DriftSweepSummary;
  expect(validateSummary(summary) ? [] : validateSummary.errors).toEqual([]);
  expect(validateSummary({ ...summary, repos: [{ ...summary.repos[0], sha256: 'not a digest' }] })).toBe(false);
  for (const line of summary.repos) {
    const bytes = (await store.read(line.key, 1 << 20))!;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(line.sha256);
    const item = parseEvidence(bytes, line.key);
    expect(item.status).toBe('valid');
  }
  const web = JSON.parse((await store.read('drift/20261120T120000Z/acme/web.json', 1 << 20))!.toString('utf8'));
  expect(web).toMatchObject({ kind: 'drift-report', subject: { repo: 'acme/web', sha: oid('acme/web') }, data: { status: 'drift', pr: 'https://github.com/acme/web/pull/12' } });
  expect(summary).toMatchObject({
    kind: 'drift-sweep-summary',
    sweep: { startedAt: '2026-11-20T12:00:00.000Z', account: 'acme', installationId: 11, trigger: { type: 'timer' }, dryRun: false, template: { source: 'acme/ci-templates' } },
    counts: { clean: 1, drift: 1, invalid: 1 },
    repos: [
      { repo: 'acme/web', status: 'drift', action: 'open', pr: 'https://github.com/acme/web/pull/12', key: 'drift/20261120T120000Z/acme/web.json' },
      { repo: 'acme/api', status: 'clean', action: 'none', pr: null },
      { repo: 'acme/docs', status: 'invalid', action: 'skip-invalid', pr: null },
    ],
  });
  expect((await app.metrics.driftEvidence.get()).values.map((v) => [v.labels.outcome, v.value])).toEqual([['stored', 1]]);
  return { app, summary };
}

describe('drift-reports of a sweep stored as evidence', () => {
  let app: MaestroApp | undefined;
  beforeAll(() => nock.disableNetConnect());
  afterEach(async () => {
    await app?.close();
    app = undefined;
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  it('writes each repository\'s report and the sweep summary to a file:// store, read-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-evidence-'));
    const store = await openStore(pathToFileURL(dir).href);
    ({ app } = await sweepInto(store));
    expect((await store.inspect('drift/20261120T120000Z/acme/web.json'))!.notes).toEqual([]);
  });

  it('keeps the sweep going and counts the failure when the store cannot be written', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'maestro-drift-blocked-')), 'file');
    writeFileSync(blocked, 'not a folder');
    ({ app } = await createTestApp({ drift: { template: workflows('template'), templateSource: 'acme/ci-templates', dryRun: false, store: await openStore(blocked), fixer: driftFixApp() } }));
    const scope = githubScope();
    const [sweep] = await app.drift!.sweepAll();
    expect(scope.isDone()).toBe(true);
    expect(sweep!.results.map((r) => r.action)).toEqual(['open', 'none', 'skip-invalid']);
    expect(sweep!.error).toMatchObject({ code: 'STORE_ACCESS' });
    expect(sweep!.stored).toBeUndefined();
    expect((await app.metrics.driftEvidence.get()).values.map((v) => [v.labels.outcome, v.value])).toEqual([['error', 1]]);
  });

  describe('in S3 with Object Lock (Ceph RGW)', () => {
    const s3 = startService('s3');
    const bucket = `maestro-drift-${randomBytes(4).toString('hex')}`;
    const client = new S3Client({ endpoint: s3.S3_ENDPOINT, region: s3.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: s3.S3_ACCESS_KEY!, secretAccessKey: s3.S3_SECRET_KEY! }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const saved = { ...process.env };
    beforeAll(async () => {
      // GitHub stays behind nock; the S3 service on the loopback is real.
      nock.enableNetConnect((host) => host.startsWith('127.0.0.1:'));
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: s3.S3_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: s3.S3_SECRET_KEY });
      await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
      await client.send(new PutObjectLockConfigurationCommand({ Bucket: bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } } }));
    });
    afterAll(() => {
      process.env = saved;
      client.destroy();
    });

    it('writes them locked in COMPLIANCE mode, and refuses to replace a stored report', async () => {
      const store = await openStore(`s3://${bucket}/evidence?endpoint=${encodeURIComponent(s3.S3_ENDPOINT!)}&path-style=true&region=${s3.S3_REGION}&retain-days=2`);
      await store.preflight();
      ({ app } = await sweepInto(store));
      const web = await store.inspect('drift/20261120T120000Z/acme/web.json');
      expect(web!.retention?.mode).toBe('COMPLIANCE');
      expect(Date.parse(web!.retention!.retainUntil)).toBeGreaterThan(wallClock().getTime() + 1.9 * 86_400_000);
      const other = join(mkdtempSync(join(tmpdir(), 'maestro-drift-other-')), 'web.json');
      writeFileSync(other, '{}\n');
      await expect(store.put('drift/20261120T120000Z/acme/web.json', other, { sha256: createHash('sha256').update('{}\n').digest('hex'), size: 3 })).rejects.toMatchObject({ code: 'STORE_OBJECT_EXISTS' });
    });
  });
});
