import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, PutObjectCommand, PutObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { entryKey } from '../../../core/ledger/build-entry.js';
import { readVersions } from '../../../adapters/store/entry-reader.js';
import { openStore } from '../../../adapters/store/open-store.js';
import { streamKeys } from '../../../adapters/store/stream-keys.js';
import { wallClock } from '../../helpers/clock.js';
import { fixtureEvent, ledgerVerifyIo } from '../../helpers/ledger-fixture.js';
import { openLedgerAt, verifyIo } from '../../helpers/real-adapters.js';
import { tempDir } from '../../helpers/release-bundle.js';
import { startService } from '../../helpers/services.js';
import { verifyLedgerStore } from '../../../flows/verify-ledger-store.js';

const s3 = startService('s3');
const credentials = { AWS_ACCESS_KEY_ID: s3.S3_ACCESS_KEY!, AWS_SECRET_ACCESS_KEY: s3.S3_SECRET_KEY! };
const client = new S3Client({ endpoint: s3.S3_ENDPOINT, region: s3.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const bucket = `maestro-keys-${randomBytes(4).toString('hex')}`;
const saved = { ...process.env };
const storeUrl = (prefix: string) => `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(s3.S3_ENDPOINT!)}&path-style=true&region=${s3.S3_REGION}&retain-days=1`;

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of keys) out.push(key);
  return out.sort();
}

beforeAll(async () => {
  Object.assign(process.env, credentials);
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await client.send(new PutObjectLockConfigurationCommand({ Bucket: bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } } }));
});

afterAll(() => {
  process.env = saved;
  client.destroy();
});

describe('streamKeys: a store listed one key at a time', () => {
  it('lists a folder as list() does, links and nested folders included', async () => {
    const root = tempDir('maestro-keys-');
    mkdirSync(join(root, 'entries', 'nested'), { recursive: true });
    writeFileSync(join(root, 'entries', '000000000001.json'), '{}');
    writeFileSync(join(root, 'entries', 'nested', 'x.json'), '{}');
    symlinkSync(join(root, 'entries', '000000000001.json'), join(root, 'entries', 'link.json'));
    const store = await openStore(root);
    expect(await collect(streamKeys(store))).toEqual(await store.list());
    expect(await collect(streamKeys(await openStore(join(root, 'missing'))))).toEqual([]);
  });

  it('lists a bucket prefix as list() does, each key once whatever its versions, and verifies a ledger there as list() would', async () => {
    const prefix = `ledger-${randomBytes(3).toString('hex')}`;
    const ledger = await openLedgerAt(storeUrl(prefix));
    for (let i = 1; i <= 4; i++) await ledger.append(fixtureEvent(i));
    // A second version of an entry key (Ceph ignores If-None-Match in versioned buckets) and an object that is no entry.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${entryKey(2)}`, Body: 'rewritten' }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/entries/notes.txt`, Body: 'x' }));
    const store = await openStore(storeUrl(prefix));
    const streamed = await collect(streamKeys(store));
    expect(streamed).toEqual(await store.list());
    expect(streamed.filter((k) => k === entryKey(2))).toHaveLength(1);
    const listed = await verifyLedgerStore({ location: storeUrl(prefix), now: wallClock() }, verifyIo);
    const streaming = await verifyLedgerStore({ location: storeUrl(prefix), now: wallClock() }, ledgerVerifyIo);
    expect(streaming).toEqual(listed);
    expect(streaming.problems.map((p) => [p.seq, p.problem])).toEqual([[2, 'forked'], [undefined, 'unexpected-object']]);
  }, 120_000);
});

describe('readVersions: entries read lean from a folder', () => {
  it('reads as store.versions does, and refuses what FileStore.read refuses', async () => {
    const root = tempDir('maestro-read-');
    mkdirSync(join(root, 'entries'), { recursive: true });
    writeFileSync(join(root, entryKey(1)), '{"a":1}');
    symlinkSync(join(root, entryKey(1)), join(root, entryKey(2)));
    mkdirSync(join(root, entryKey(3)));
    writeFileSync(join(root, entryKey(4)), Buffer.alloc(100));
    const store = await openStore(root);
    expect(readVersions(store, entryKey(1), 1024)).toEqual(await store.versions(entryKey(1), 1024));
    expect(readVersions(store, entryKey(9), 1024)).toEqual([]);
    expect(() => readVersions(store, entryKey(2), 1024)).toThrow(expect.objectContaining({ code: 'SYMLINK_REFUSED' }));
    expect(() => readVersions(store, entryKey(3), 1024)).toThrow(expect.objectContaining({ code: 'NOT_A_FILE' }));
    expect(() => readVersions(store, entryKey(4), 10)).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
    expect(() => readVersions(store, '../outside.json', 10)).toThrow(expect.objectContaining({ code: 'ARTIFACT_REFUSED' }));
  });
});
