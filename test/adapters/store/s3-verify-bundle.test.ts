import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CopyObjectCommand, CreateBucketCommand, DeleteObjectCommand, ListObjectVersionsCommand, PutObjectCommand, PutObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { verifyBundle } from '../../../flows/verify-bundle.js';
import { wallClock } from '../../helpers/clock.js';
import { verifyIo } from '../../helpers/real-adapters.js';
import { startService } from '../../helpers/services.js';
import { build, makeArtifacts, makeKeyPair, tempDir } from '../../helpers/release-bundle.js';

/**
 * `maestro verify` against a real Ceph RGW with Object Lock: a bundle whose objects were copied
 * under a future tag, with COMPLIANCE locks of their own, and newer versions and delete markers
 * written over a published bundle's locked objects. Each scenario has a bucket of its own.
 */

const root = resolve(import.meta.dirname, '../../..');
const s3 = startService('s3');
const credentials = { AWS_ACCESS_KEY_ID: s3.S3_ACCESS_KEY!, AWS_SECRET_ACCESS_KEY: s3.S3_SECRET_KEY! };
const client = new S3Client({ endpoint: s3.S3_ENDPOINT, region: s3.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const saved = { ...process.env };
const FILES = ['gates/decision-log.json', 'reports/notes.txt', 'sbom/app.spdx.bin', 'manifest.sigstore.json', 'manifest.json'];
const dir = tempDir('maestro-s3-verify-');
const keys = makeKeyPair(dir);
const artifactsDir = makeArtifacts(join(dir, 'artifacts'));

function storeUrl(bucket: string, prefix: string): string {
  return `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(s3.S3_ENDPOINT!)}&path-style=true&region=${s3.S3_REGION}&retain-days=2`;
}

/** A new bucket with Object Lock and a default COMPLIANCE retention, as the store's documentation asks. */
async function freshBucket(name: string): Promise<string> {
  const bucket = `maestro-${name}-${randomBytes(4).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await client.send(new PutObjectLockConfigurationCommand({ Bucket: bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } } }));
  return bucket;
}

/** `maestro verify` from its source (cli/main.ts through tsx), as bin/maestro.cjs runs it, with the cluster's credentials. */
function maestroVerify(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', 'import { main } from "./cli/main.ts"; await main(process.argv.slice(1));', 'verify', ...args, '--key', keys.publicKey], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...credentials } });
}

const failedLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('FAIL  '));

beforeAll(() => {
  Object.assign(process.env, credentials);
});

afterAll(() => {
  process.env = saved;
  client.destroy();
});

describe('maestro verify on Ceph RGW', () => {
  it("fails v1.0.0's objects copied under a future tag (web/v2.0.0) with COMPLIANCE locks, naming both releases", async () => {
    const bucket = await freshBucket('occupy');
    await build({ artifactsDir, outDir: join(dir, 'occupy-v1'), release: 'v1.0.0', sign: { type: 'key', keyFile: keys.privateKey }, store: storeUrl(bucket, 'web') });
    const until = new Date(wallClock().getTime() + 2 * 86_400_000);
    for (const key of FILES) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: `web/v2.0.0/${key}`, CopySource: `${bucket}/web/v1.0.0/${key}`, ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until }));
    }
    const out = maestroVerify([storeUrl(bucket, 'web/v2.0.0')]);
    expect([out.status, out.stderr]).toEqual([1, '']);
    expect(failedLines(out.stdout)).toEqual([`FAIL  release v2.0.0: the manifest is of release v1.0.0, but v2.0.0 was asked for (the last segment of s3://${bucket}/web/v2.0.0)`]);
    // Every other check holds: the copies are intact, signed and locked.
    expect(out.stdout).toContain("PASS  retention manifest.json: version ");
    expect(out.stdout).toMatch(new RegExp(`\\nNOT VERIFIED: 1 of 13 checks failed for v1.0.0 at s3://${bucket}/web/v2.0.0\\n$`));

    const asked = maestroVerify([storeUrl(bucket, 'web/v2.0.0'), '--release', 'v2.0.0']);
    expect([asked.status, failedLines(asked.stdout)]).toEqual([1, ['FAIL  release v2.0.0: the manifest is of release v1.0.0, but v2.0.0 was asked for (--release)']]);
    // v1.0.0 in its own place still verifies.
    expect(maestroVerify([storeUrl(bucket, 'web/v1.0.0')]).status).toBe(0);
  });

  it('reports newer versions and delete markers written over locked objects, and still verifies the locked versions', async () => {
    const bucket = await freshBucket('overwrite');
    const built = await build({ artifactsDir, outDir: join(dir, 'overwrite-v1'), release: 'v1.0.0', sign: { type: 'key', keyFile: keys.privateKey }, store: storeUrl(bucket, 'web') });
    const locked = Object.fromEntries(built.published!.objects.map((o) => [o.key, o.versionId!]));
    // Over the manifest: a forged one; over the signature: a delete marker; over the notes: new bytes, then a delete marker.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'web/v1.0.0/manifest.json', Body: '{"forged":true}' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'web/v1.0.0/manifest.sigstore.json' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'web/v1.0.0/reports/notes.txt', Body: 'forged notes\n' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'web/v1.0.0/reports/notes.txt' }));
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'web/v1.0.0/' }));
    const newer = (key: string) => listed.Versions!.find((v) => v.Key === `web/v1.0.0/${key}` && v.VersionId !== locked[key])!.VersionId!;
    const marker = (key: string) => listed.DeleteMarkers!.find((m) => m.Key === `web/v1.0.0/${key}`)!.VersionId!;

    const result = await verifyBundle({ location: storeUrl(bucket, 'web/v1.0.0'), keyFile: keys.publicKey, now: wallClock() }, verifyIo);
    const at = '\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z';
    expect(result.checks.filter((c) => c.result === 'fail')).toEqual([
      { check: 'overwrite', subject: 'manifest.json', result: 'fail', detail: expect.stringMatching(new RegExp(`^written over after it was published: a newer version ${newer('manifest.json')} \\(15 bytes\\) written at ${at}; plain reads now get the newer bytes; the locked version ${locked['manifest.json']} is still there and is what was verified$`)) },
      { check: 'overwrite', subject: 'reports/notes.txt', result: 'fail', detail: expect.stringMatching(new RegExp(`^written over after it was published: a newer version ${newer('reports/notes.txt')} \\(13 bytes\\) written at ${at}, a delete marker ${marker('reports/notes.txt')} placed at ${at}; the newest delete marker hides the object from plain reads; the locked version ${locked['reports/notes.txt']} is still there and is what was verified$`)) },
      { check: 'overwrite', subject: 'manifest.sigstore.json', result: 'fail', detail: expect.stringMatching(new RegExp(`^written over after it was published: a delete marker ${marker('manifest.sigstore.json')} placed at ${at}; the newest delete marker hides the object from plain reads; the locked version ${locked['manifest.sigstore.json']} is still there and is what was verified$`)) },
    ]);
    // The locked versions are what was checked: the manifest, the notes and the signature as published.
    expect(result.checks.filter((c) => c.check !== 'overwrite').every((c) => c.result === 'pass')).toBe(true);
    expect(result.checks.find((c) => c.check === 'signature')?.detail).toMatch(/^signed by key SHA256:/);

    const out = maestroVerify([storeUrl(bucket, 'web/v1.0.0')]);
    expect(out.status).toBe(1);
    expect(failedLines(out.stdout)).toHaveLength(3);
    expect(out.stdout).toContain('FAIL  overwrite reports/notes.txt: written over after it was published: a newer version ');
  });
});
