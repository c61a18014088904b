import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import { publishBundle } from '../../../flows/publish-bundle.js';
import { runWormDrill } from '../../../flows/run-worm-drill.js';
import { fsBundleFiles } from '../../../adapters/fs/fs-bundle-files.js';
import { hashFile } from '../../../adapters/fs/hash-file.js';
import { parseS3Url } from '../../../adapters/store/s3-location.js';
import { S3Store } from '../../../adapters/store/s3-store.js';
import { s3WormProbe } from '../../../adapters/store/s3-worm-probe.js';
import { verifyBundle } from '../../../flows/verify-bundle.js';
import { makePr } from '../../helpers/build-evidence.js';
import { wallClock } from '../../helpers/clock.js';
import { run } from '../../helpers/engine.js';
import { verifyIo } from '../../helpers/real-adapters.js';
import { startService } from '../../helpers/services.js';
import { build, makeArtifacts, makeKeyPair, tempDir, writeTree } from '../../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../../..');
const s3 = startService('s3');
const credentials = { AWS_ACCESS_KEY_ID: s3.S3_ACCESS_KEY!, AWS_SECRET_ACCESS_KEY: s3.S3_SECRET_KEY! };
const client = new S3Client({ endpoint: s3.S3_ENDPOINT, region: s3.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const suffix = randomBytes(4).toString('hex');
const lockedBucket = `maestro-worm-${suffix}`;
const plainBucket = `maestro-plain-${suffix}`;
const saved = { ...process.env };
const DAY_MS = 86_400_000;

/**
 * A store URL for the test cluster. Ceph enforces Object Lock retention by its own clock, so retention
 * and locks here are counted from the real time (wallClock), never from TEST_NOW.
 */
function storeUrl(bucket: string, prefix: string, options = 'retain-days=2'): string {
  return `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(s3.S3_ENDPOINT!)}&path-style=true&region=${s3.S3_REGION}&${options}`;
}

async function keysIn(bucket: string, prefix: string): Promise<string[]> {
  const out = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }));
  return (out.Versions ?? []).map((v) => v.Key!).sort();
}

function cli(bin: string, args: string[], env: Record<string, string> = credentials) {
  return spawnSync(process.execPath, [join(root, 'bin', bin), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env } });
}

/** `maestro` from its source (cli/main.ts through tsx), as bin/maestro.cjs runs the built bundle, without needing a rebuilt dist/. */
function maestro(args: string[], env: Record<string, string> = credentials) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', 'import { main } from "./cli/main.ts"; await main(process.argv.slice(1));', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env } });
}

beforeAll(async () => {
  Object.assign(process.env, credentials);
  await client.send(new CreateBucketCommand({ Bucket: lockedBucket, ObjectLockEnabledForBucket: true }));
  // A default retention, so no version is ever unlocked, even between a multipart upload and its PutObjectRetention.
  await client.send(new PutObjectLockConfigurationCommand({ Bucket: lockedBucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } } }));
  await client.send(new CreateBucketCommand({ Bucket: plainBucket }));
  await client.send(new PutBucketVersioningCommand({ Bucket: plainBucket, VersioningConfiguration: { Status: 'Enabled' } }));
});

afterAll(() => {
  process.env = saved;
  client.destroy();
});

describe('release bundles in S3 with Object Lock (Ceph RGW)', () => {
  const dir = tempDir('maestro-s3-');
  const keys = makeKeyPair(dir);
  const artifactsDir = makeArtifacts(join(dir, 'artifacts'));
  const releases = storeUrl(lockedBucket, 'acme/web');
  const sign = { type: 'key' as const, keyFile: keys.privateKey };

  it('publishes signed bundles manifest last, locked in COMPLIANCE mode, and verifies them with the chain', async () => {
    const first = await build({ artifactsDir, outDir: join(dir, 'v1.0.0'), release: 'v1.0.0', sign, store: releases });
    expect(first.published?.objects.map((o) => o.key)).toEqual(['gates/decision-log.json', 'reports/notes.txt', 'sbom/app.spdx.bin', 'manifest.sigstore.json', 'manifest.json']);
    for (const object of first.published!.objects) {
      expect(object.retention?.mode).toBe('COMPLIANCE');
      expect(Date.parse(object.retention!.retainUntil)).toBeGreaterThan(wallClock().getTime() + 1.9 * DAY_MS);
    }
    const second = await build({ artifactsDir, outDir: join(dir, 'v1.1.0'), release: 'v1.1.0', previousRelease: 'v1.0.0', sign, store: releases });
    expect(second.manifest.data).toMatchObject({ previous: first.manifestSha256, previousRelease: 'v1.0.0' });
    const result = await verifyBundle({ location: storeUrl(lockedBucket, 'acme/web/v1.1.0'), keyFile: keys.publicKey, now: wallClock() }, verifyIo);
    expect(result.checks.filter((c) => c.result === 'fail')).toEqual([]);
    expect(result.checks.filter((c) => c.check === 'retention')).toHaveLength(5);
    expect(result.checks.find((c) => c.check === 'chain')?.detail).toMatch(/^1 earlier release\(s\) linked by sha256 back to the first release, v1.0.0/);

    const verified = maestro(['verify', storeUrl(lockedBucket, 'acme/web/v1.1.0'), '--key', keys.publicKey]);
    expect([verified.status, verified.stderr]).toEqual([0, '']);
    expect(verified.stdout).toContain('PASS  release v1.1.0: the manifest is of release v1.1.0, as asked for (the last segment of s3://');
    expect(verified.stdout).toMatch(/verified: v1.1.0 at s3:\/\/maestro-worm-[0-9a-f]+\/acme\/web\/v1.1.0, 13 checks passed\n$/);
  });

  it('refuses to delete a locked version; a delete marker or an overwrite does not hide it from the verifier', async () => {
    const key = 'acme/web/v1.0.0/reports/notes.txt';
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: lockedBucket, Prefix: key }));
    const versionId = listed.Versions![0]!.VersionId!;
    await expect(client.send(new DeleteObjectCommand({ Bucket: lockedBucket, Key: key, VersionId: versionId }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await client.send(new PutObjectCommand({ Bucket: lockedBucket, Key: key, Body: 'forged notes\n' }));
    const marker = await client.send(new DeleteObjectCommand({ Bucket: lockedBucket, Key: key }));
    expect(marker.DeleteMarker).toBe(true);
    await expect(client.send(new GetObjectCommand({ Bucket: lockedBucket, Key: key }))).rejects.toMatchObject({ name: 'NoSuchKey' });

    // The locked version is still what is verified, and the writes over it are a failed check naming each.
    const result = await verifyBundle({ location: storeUrl(lockedBucket, 'acme/web/v1.0.0'), keyFile: keys.publicKey, now: wallClock() }, verifyIo);
    expect(result.checks.find((c) => c.subject === 'reports/notes.txt' && c.check === 'artifact')).toMatchObject({ result: 'pass', detail: expect.stringMatching(/, 14 bytes, as listed$/) });
    expect(result.checks.filter((c) => c.result === 'fail')).toEqual([
      {
        check: 'overwrite',
        subject: 'reports/notes.txt',
        result: 'fail',
        detail: expect.stringMatching(new RegExp(`^written over after it was published: a newer version \\S+ \\(13 bytes\\) written at \\S+Z, a delete marker \\S+ placed at \\S+Z; the newest delete marker hides the object from plain reads; the locked version ${versionId} is still there and is what was verified$`)),
      },
    ]);
  });

  it('publishes the same bundle again as a no-op and refuses another bundle under a published release', async () => {
    const again = await build({ artifactsDir, outDir: join(dir, 'again'), release: 'v1.0.0', sign, store: releases });
    expect(again.published?.alreadyPresent).toBe(true);
    const changed = writeTree(join(dir, 'changed'), { 'reports/notes.txt': 'other notes\n' });
    await expect(build({ artifactsDir: changed, outDir: join(dir, 'changed-out'), release: 'v1.0.0', store: releases })).rejects.toMatchObject({ code: 'STORE_OBJECT_EXISTS' });
  });

  it('locks multipart uploads too, putting the retention on the completed version and reading it back', async () => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, randomBytes(11 * 1024 * 1024));
    const store = new S3Store(parseS3Url(storeUrl(lockedBucket, 'multipart', 'retain-days=3'), wallClock()), undefined, { threshold: 6 * 1024 * 1024, size: 5 * 1024 * 1024 });
    const stored = await store.put('big.bin', big, await hashFile(big));
    expect(stored.retention?.mode).toBe('COMPLIANCE');
    // The bucket default is 1 day; Ceph ignores the upload's own lock headers, so 3 days proves the read-back fix.
    expect(Date.parse(stored.retention!.retainUntil)).toBeGreaterThan(wallClock().getTime() + 2.9 * DAY_MS);
    expect((await store.inspect('big.bin'))?.sha256).toBe((await hashFile(big)).sha256);
  });

  it('leaves no manifest when an upload fails midway', async () => {
    const built = await build({ artifactsDir, outDir: join(dir, 'v2.0.0'), release: 'v2.0.0', sign });
    const store = new S3Store(parseS3Url(storeUrl(lockedBucket, 'acme/web/v2.0.0'), wallClock()));
    let puts = 0;
    const failing = Object.assign(Object.create(store) as S3Store, {
      put: (key: string, source: string, expected: { sha256: string; size: number }) => (++puts === 2 ? Promise.reject(new Error('connection reset')) : store.put(key, source, expected)),
    });
    const manifestBytes = (await import('node:fs')).readFileSync(join(built.outDir, 'manifest.json'));
    await expect(publishBundle(failing, built.outDir, built.manifest, manifestBytes, fsBundleFiles)).rejects.toThrow('connection reset');
    expect(await keysIn(lockedBucket, 'acme/web/v2.0.0/')).toEqual(['acme/web/v2.0.0/gates/decision-log.json']);
    const result = await verifyBundle({ location: storeUrl(lockedBucket, 'acme/web/v2.0.0'), keyFile: keys.publicKey, now: wallClock() }, verifyIo);
    expect(result.checks).toEqual([{ check: 'manifest', subject: 'manifest.json', result: 'fail', detail: expect.stringContaining('there is no manifest.json') }]);

    // Publishing again completes it, keeping (and locking) what the first attempt stored.
    const again = await publishBundle(store, built.outDir, built.manifest, manifestBytes, fsBundleFiles);
    expect(again.objects.map((o) => o.retention?.mode)).toEqual(['COMPLIANCE', 'COMPLIANCE', 'COMPLIANCE', 'COMPLIANCE', 'COMPLIANCE']);
    expect((await verifyBundle({ location: storeUrl(lockedBucket, 'acme/web/v2.0.0'), keyFile: keys.publicKey, now: wallClock() }, verifyIo)).ok).toBe(true);
  });

  it('runs the WORM drill and records each refusal in a valid drill-report', async () => {
    const report = await runWormDrill({ probe: s3WormProbe(new S3Store(parseS3Url(storeUrl(lockedBucket, 'acme/web'), wallClock()))), subject: { repo: 'acme/web', sha: 'c'.repeat(40) }, producer: { name: 'maestro drill worm', version: 'test' }, probeRetentionSeconds: 120, now: wallClock });
    const data = report.data as { status: string; steps: Array<{ name: string; result: string; response?: string }> };
    expect(data.steps.map((s) => [s.name, s.result])).toEqual([
      ['preflight', 'pass'],
      ['write locked probe', 'pass'],
      ['delete the locked version', 'pass'],
      ['delete the locked version bypassing governance', 'pass'],
      ['shorten the retention', 'pass'],
      ['downgrade the lock to GOVERNANCE', 'pass'],
      ['overwrite and hide behind a delete marker', 'pass'],
      ['lock unchanged', 'pass'],
    ]);
    expect(data.steps[2]!.response).toMatch(/^HTTP 403 AccessDenied/);
    expect(data.status).toBe('pass');
    const item = parseEvidence(Buffer.from(JSON.stringify(report)), 'drill.json');
    expect(item.status).toBe('valid');
    // It is the evidence the WORM control of the shipped catalog asks for while it is fresh (maxAge P31D): the gate
    // decides as of times counted from the report, which the drill dated by the real clock the locks it tested keep.
    const ga03 = async (daysAfter: number) => {
      const gate = await run({ pr: makePr({ labels: ['worm'] }), evidence: [item], now: new Date(Date.parse(report.createdAt) + daysAfter * DAY_MS).toISOString() });
      return gate.controls.find((c) => c.controlId === 'GA-03')?.result;
    };
    expect(await ga03(1)).toBe('pass');
    expect(await ga03(32)).toBe('stale');
  });

  it('fails the retention check of objects locked in GOVERNANCE mode or no longer locked', async () => {
    const built = await build({ artifactsDir, outDir: join(dir, 'v3.0.0'), release: 'v3.0.0', sign });
    // Uploaded by hand, as a store without maestro's checks could have left them.
    const until = new Date(wallClock().getTime() + 2000);
    for (const key of ['gates/decision-log.json', 'reports/notes.txt', 'sbom/app.spdx.bin', 'manifest.sigstore.json', 'manifest.json']) {
      const body = readFileSync(join(built.outDir, key));
      await client.send(new PutObjectCommand({ Bucket: lockedBucket, Key: `hand/v3.0.0/${key}`, Body: body, ContentLength: body.length, ObjectLockMode: key === 'manifest.json' ? 'COMPLIANCE' : 'GOVERNANCE', ObjectLockRetainUntilDate: until }));
    }
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const result = await verifyBundle({ location: storeUrl(lockedBucket, 'hand/v3.0.0'), keyFile: keys.publicKey, now: wallClock() }, verifyIo);
    const failed = result.checks.filter((c) => c.result === 'fail');
    expect(failed.map((c) => `${c.check} ${c.subject}`)).toEqual(['retention manifest.json', 'retention gates/decision-log.json', 'retention reports/notes.txt', 'retention sbom/app.spdx.bin', 'retention manifest.sigstore.json']);
    expect(failed[0]!.detail).toMatch(/^the lock of version \S+ ran out at /);
    expect(failed[1]!.detail).toMatch(/is locked in GOVERNANCE mode, which privileged users can bypass; COMPLIANCE is required$/);
  });

  it('maestro drill worm writes the drill-report and exits 0 when every attempt is refused', () => {
    const report = join(dir, 'drill-report.json');
    const out = cli('maestro.cjs', ['drill', 'worm', '--store', storeUrl(lockedBucket, 'drills'), '--out', report, '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--probe-retention', '60']);
    expect([out.status, out.stderr]).toEqual([0, '']);
    expect(out.stdout).toContain('PASS  delete the locked version: DeleteObject');
    expect(out.stdout).toMatch(/answer: HTTP 403 AccessDenied/);
    const item = parseEvidence(readFileSync(report), 'drill-report.json');
    expect(item.status === 'valid' && item.report.data).toMatchObject({ drill: 'worm', status: 'pass', store: `s3://${lockedBucket}/drills` });
  });

  describe('maestro drill restore against the store', () => {
    const files = ['gates/decision-log.json', 'reports/notes.txt', 'sbom/app.spdx.bin', 'manifest.sigstore.json', 'manifest.json'];
    const drill = (prefix: string, out?: string) => cli('maestro.cjs', ['drill', 'restore', '--store', storeUrl(lockedBucket, prefix), '--rto', 'PT10M', '--key', keys.publicKey, '--repo', 'acme/web', '--commit', 'c'.repeat(40), ...(out ? ['--out', out] : [])]);

    /** Uploads a built bundle by hand (locked by the bucket's default retention), as a store could have kept it. */
    async function upload(prefix: string, bundleDir: string, change: { skip?: string; alter?: string } = {}): Promise<void> {
      for (const key of files.filter((f) => f !== change.skip)) {
        const body = key === change.alter ? Buffer.from('forged notes\n') : readFileSync(join(bundleDir, key));
        await client.send(new PutObjectCommand({ Bucket: lockedBucket, Key: `${prefix}/v1.0.0/${key}`, Body: body, ContentLength: body.length }));
      }
    }

    it('fetches the newest bundle, verifies hashes, signature, locks and chain within the RTO (exit 0)', async () => {
      await build({ artifactsDir, outDir: join(dir, 'restore-1'), release: 'v1.0.0', createdAt: '2026-11-20T12:00:00Z', sign, store: storeUrl(lockedBucket, 'restore/ok') });
      await build({ artifactsDir, outDir: join(dir, 'restore-2'), release: 'v1.1.0', createdAt: '2026-11-21T12:00:00Z', previousRelease: 'v1.0.0', sign, store: storeUrl(lockedBucket, 'restore/ok') });
      const report = join(dir, 'restore-report.json');
      const out = drill('restore/ok', report);
      expect([out.status, out.stderr]).toEqual([0, '']);
      expect(out.stdout).toContain('PASS  find the latest bundle: newest release is v1.1.0, made 2026-11-21T12:00:00Z');
      expect(out.stdout).toContain("PASS  check each object's COMPLIANCE lock: 5 passed");
      const item = parseEvidence(readFileSync(report), 'restore-report.json');
      expect(item.status === 'valid' && item.report.data).toMatchObject({ drill: 'restore', status: 'pass', store: `s3://${lockedBucket}/restore/ok`, targets: { rtoSeconds: 600 } });
    });

    it('fails (exit 1) when an object of the bundle is missing from the bucket', async () => {
      const built = await build({ artifactsDir, outDir: join(dir, 'restore-missing'), release: 'v1.0.0', sign });
      await upload('restore/missing', built.outDir, { skip: 'sbom/app.spdx.bin' });
      const out = drill('restore/missing');
      expect(out.status).toBe(1);
      expect(out.stdout).toContain('FAIL  fetch every artifact and match its sha256: 1 of 3 failed: sbom/app.spdx.bin: listed in the manifest but missing from the bundle');
      expect(out.stdout).toMatch(/Restore drill FAILED\n$/);
    });

    it('fails (exit 1) when an object of the bundle was altered before it was locked', async () => {
      const built = await build({ artifactsDir, outDir: join(dir, 'restore-altered'), release: 'v1.0.0', sign });
      await upload('restore/altered', built.outDir, { alter: 'reports/notes.txt' });
      const out = drill('restore/altered');
      expect(out.status).toBe(1);
      expect(out.stdout).toMatch(/FAIL {2}fetch every artifact and match its sha256: 1 of 3 failed: reports\/notes.txt: changed: sha256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}, size is 13 bytes, the manifest says 14/);
      expect(out.stdout).toContain("PASS  check each object's COMPLIANCE lock: 5 passed");
    });
  });

  describe('bad input: a clear error and nothing published', () => {
    it('refuses a bucket without Object Lock', async () => {
      const error = await build({ artifactsDir, outDir: join(dir, 'plain'), release: 'v1.0.0', store: storeUrl(plainBucket, 'r') }).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'STORE_NOT_WORM', message: `bucket ${plainBucket} has versioning but no Object Lock: evidence there could be overwritten or deleted` });
      expect(await keysIn(plainBucket, '')).toEqual([]);
    });

    it('refuses wrong credentials, naming them in the remedy (ig-evidence exits 2)', () => {
      const out = cli('ig-evidence.cjs', ['--release', 'v9.0.0', '--artifacts', artifactsDir, '--out', join(dir, 'wrong-creds'), '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', '2026-11-20T12:00:00Z', '--store', releases], { AWS_ACCESS_KEY_ID: 'WRONGKEY', AWS_SECRET_ACCESS_KEY: 'wrong' });
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(/^error STORE_ACCESS: cannot read the versioning of s3:\/\/maestro-worm-[0-9a-f]+\/acme\/web\/v9.0.0 \(InvalidAccessKeyId 403/);
      expect(out.stderr).toContain('remedy: check the credentials');
    });

    it.each([
      ['retain-until=2020-01-01T00:00:00Z', 'STORE_RETENTION', 'has already passed'],
      ['retain-days=0', 'STORE_RETENTION', 'is not a whole number of days'],
      ['retain-days=1&colour=blue', 'STORE_URL_INVALID', "has unknown option 'colour'"],
    ])('refuses the store option %s before uploading', async (options, code, phrase) => {
      const error = await build({ artifactsDir, outDir: join(dir, `opt-${code}-${options.length}`), release: 'v8.0.0', store: storeUrl(lockedBucket, 'opts', options) }).catch((e: Error) => e);
      expect(error).toMatchObject({ code, message: expect.stringContaining(phrase) });
      expect(await keysIn(lockedBucket, 'opts/')).toEqual([]);
    });
  });
});
