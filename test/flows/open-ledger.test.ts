import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, PutObjectCommand, PutObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { buildEntry, entryKey } from '../../core/ledger/build-entry.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import { ledgerOptionsFromEnv } from '../../adapters/sigstore/ledger-options-from-env.js';
import { readLedger } from '../../flows/read-ledger.js';
import { openStore } from '../../adapters/store/open-store.js';
import { verifyLedgerStore } from '../../flows/verify-ledger-store.js';
import { wallClock } from '../helpers/clock.js';
import { openLedgerAt, verifyIo } from '../helpers/real-adapters.js';
import { startService } from '../helpers/services.js';
import { makeKeyPair, tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');
const s3 = startService('s3');
const credentials = { AWS_ACCESS_KEY_ID: s3.S3_ACCESS_KEY!, AWS_SECRET_ACCESS_KEY: s3.S3_SECRET_KEY! };
const client = new S3Client({ endpoint: s3.S3_ENDPOINT, region: s3.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const bucket = `maestro-ledger-${randomBytes(4).toString('hex')}`;
const saved = { ...process.env };

/**
 * A ledger URL in the test bucket. Ceph enforces Object Lock retention by its own clock, so the
 * ledger's locks are checked against the real time (wallClock), never against TEST_NOW.
 */
function storeUrl(prefix: string): string {
  return `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(s3.S3_ENDPOINT!)}&path-style=true&region=${s3.S3_REGION}&retain-days=1`;
}

function event(writer: string, i: number): AuditEvent {
  return { action: 'gate.decision-changed', actor: 'maestro-conductor[bot]', at: '2026-11-20T10:00:00Z', repo: 'acme/web', number: 7, reason: `${writer} #${i}` };
}

/** Appends `count` events from a separate OS process, through the maestro CLI, one process per event. */
function appendFromProcess(location: string, writer: string, count: number): Promise<number> {
  const dir = tempDir('maestro-ledger-writer-');
  const script = Array.from({ length: count }, (_, i) => {
    const file = join(dir, `${i}.json`);
    writeFileSync(file, JSON.stringify(event(writer, i)));
    return `node "${join(root, 'bin/maestro.cjs')}" ledger append "${location}" --event "${file}" >/dev/null || exit 1`;
  }).join('\n');
  return new Promise((done) => spawn('bash', ['-c', script], { stdio: 'inherit', env: { ...process.env, ...credentials } }).on('exit', (code) => done(code ?? 1)));
}

/** Every event the writers sent, read back from the verified chain. */
async function reasonsIn(location: string): Promise<string[]> {
  const stored = await readLedger(await openStore(location));
  return stored.entries.map((e) => (JSON.parse(e.versions[0]!.bytes!.toString('utf8')) as { event: AuditEvent }).event.reason!).sort();
}

function expected(writers: string[], count: number): string[] {
  return writers.flatMap((w) => Array.from({ length: count }, (_, i) => `${w} #${i}`)).sort();
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

describe.each([
  ['a folder store', () => join(tempDir('maestro-ledger-'), 'ledger')],
  ['S3 with Object Lock (Ceph RGW)', () => storeUrl(`ledger-${randomBytes(3).toString('hex')}`)],
])('the audit ledger in %s', (_name, location) => {
  it('keeps one linear chain with every event when many appenders race', async () => {
    const where = location();
    const writers = ['a', 'b', 'c', 'd'];
    // Separate ledgers, each with its own cached head, as separate app processes would have.
    const ledgers = await Promise.all(writers.map(() => openLedgerAt(where)));
    const results = await Promise.all(writers.map(async (w, n) => {
      const out: number[] = [];
      for (let i = 0; i < 8; i++) out.push((await ledgers[n]!.append(event(w, i))).seq);
      return out;
    }));
    expect(results.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    const verified = await verifyLedgerStore({ location: where, now: wallClock() }, verifyIo);
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({ ok: true, entries: 32 });
    // On S3 a lost race may leave its version behind (Ceph ignores If-None-Match there): only as a note, with its event further on.
    for (const note of verified.notes) expect(note).toMatch(/lost the race for entry \d+; its event was appended again as entry \d+/);
    expect(await reasonsIn(where)).toEqual(expected(writers, 8));
  }, 180_000);

  it('keeps one linear chain with every event when two OS processes append at once', async () => {
    const where = location();
    const codes = await Promise.all([appendFromProcess(where, 'p', 6), appendFromProcess(where, 'q', 6)]);
    expect(codes).toEqual([0, 0]);
    const verified = await verifyLedgerStore({ location: where, now: wallClock() }, verifyIo);
    expect(verified.problems).toEqual([]);
    expect(verified.entries).toBe(12);
    expect(await reasonsIn(where)).toEqual(expected(['p', 'q'], 6));
  }, 180_000);
});

describe('openLedger', () => {
  it('serialises concurrent appends of one process, caching the head between them', async () => {
    const ledger = await openLedgerAt(join(tempDir('maestro-ledger-'), 'ledger'));
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.append(event('s', i))));
    expect(written.map((w) => w.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await ledger.head()).toEqual(written.at(-1));
  });

  it('seals every n entries, and a failed seal neither loses the entry nor hides the failure', async () => {
    const dir = join(tempDir('maestro-ledger-'), 'ledger');
    const failures: unknown[] = [];
    const ledger = await openLedgerAt(dir, { sealEvery: 2, signer: { sign: async () => { throw new Error('signer offline'); } }, onSealError: (error) => failures.push(error) });
    for (let i = 0; i < 3; i++) await ledger.append(event('t', i));
    expect(failures).toEqual([expect.objectContaining({ message: 'signer offline' })]);
    expect((await verifyLedgerStore({ location: dir }, verifyIo)).entries).toBe(3);
  });

  it('refuses to append after an entry that does not follow its predecessor, and appends nothing', async () => {
    const dir = join(tempDir('maestro-ledger-'), 'ledger');
    const first = await openLedgerAt(dir);
    await first.append(event('u', 0));
    await first.append(event('u', 1));
    const { chmodSync, readFileSync, writeFileSync } = await import('node:fs');
    const file = join(dir, entryKey(2));
    chmodSync(file, 0o644);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"previous":"[0-9a-f]{64}"/, `"previous":"${'0'.repeat(64)}"`));
    const second = await openLedgerAt(dir);
    await expect(second.append(event('u', 2))).rejects.toMatchObject({ code: 'LEDGER_TAMPERED' });
    expect((await readLedger(await openStore(dir))).entries).toHaveLength(2);
  });

  it('seals per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY, as the app opens it', async () => {
    const dir = tempDir('maestro-ledger-');
    const keys = makeKeyPair(dir);
    expect(ledgerOptionsFromEnv({})).toEqual({});
    const ledger = await openLedgerAt(join(dir, 'ledger'), ledgerOptionsFromEnv({ LEDGER_SIGNING_KEY: `key:${keys.privateKey}`, LEDGER_SEAL_EVERY: '2' }));
    await ledger.append(event('e', 0));
    await ledger.append(event('e', 1));
    expect(await verifyLedgerStore({ location: join(dir, 'ledger'), keyFile: keys.publicKey }, verifyIo)).toMatchObject({ ok: true, sealedThrough: 2 });
  });

  it('refuses a seal interval without a signer', async () => {
    await expect(openLedgerAt(join(tempDir('maestro-ledger-'), 'ledger'), { sealEvery: 10 })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('the audit ledger in S3 (Ceph RGW) under attack', () => {
  it('reports a second object version of an entry key as a forked chain', async () => {
    const prefix = `fork-${randomBytes(3).toString('hex')}`;
    const ledger = await openLedgerAt(storeUrl(prefix));
    for (let i = 0; i < 3; i++) await ledger.append(event('x', i));
    const second = (await readLedger(await openStore(storeUrl(prefix)))).entries[1]!.versions[0]!.bytes!.toString('utf8').replace('x #1', 'x #1 (rewritten)');
    // Ceph RGW ignores If-None-Match in versioned buckets, so a plain PUT stacks a new version on the key.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${entryKey(2)}`, Body: second }));
    const verified = await verifyLedgerStore({ location: storeUrl(prefix), now: wallClock() }, verifyIo);
    expect(verified.ok).toBe(false);
    expect(verified.firstBad).toMatchObject({ seq: 2, problem: 'forked' });
    // Reads keep the first version: the chain itself still links, and appends go on after it.
    expect((await ledger.append(event('x', 3))).seq).toBe(4);
  }, 120_000);

  it('names an entry that is not locked in COMPLIANCE mode, as one written around maestro would be', async () => {
    const plain = `${bucket}-nolock`;
    await client.send(new CreateBucketCommand({ Bucket: plain, ObjectLockEnabledForBucket: true }));
    const url = storeUrl('ledger').replace(`s3://${bucket}/`, `s3://${plain}/`);
    const ledger = await openLedgerAt(url);
    const first = await ledger.append(event('z', 0));
    const next = buildEntry(event('z', 1), first, '2026-11-20T10:00:05Z');
    // Object Lock is enabled but there is no default retention: without lock headers the version is unlocked.
    await client.send(new PutObjectCommand({ Bucket: plain, Key: `ledger/${entryKey(2)}`, Body: next.bytes }));
    const verified = await verifyLedgerStore({ location: url, now: wallClock() }, verifyIo);
    expect(verified.problems).toEqual([expect.objectContaining({ seq: 2, problem: 'unlocked', detail: expect.stringContaining('has no Object Lock retention') })]);
    expect((await verifyLedgerStore({ location: url, now: new Date(wallClock().getTime() + 3 * 86_400_000) }, verifyIo)).problems.map((p) => p.problem)).toEqual(['unlocked', 'unlocked']);
  }, 120_000);

  it('names a key below entries/ that is no entry, such as one with .. segments, without using it as a path', async () => {
    const prefix = `odd-${randomBytes(3).toString('hex')}`;
    const ledger = await openLedgerAt(storeUrl(prefix));
    await ledger.append(event('y', 0));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/entries/../../escape.json`, Body: '{}' }));
    const verified = await verifyLedgerStore({ location: storeUrl(prefix), now: wallClock() }, verifyIo);
    expect(verified.ok).toBe(false);
    expect(verified.firstBad).toMatchObject({ problem: 'unexpected-object', key: 'entries/../../escape.json' });
  }, 120_000);
});
