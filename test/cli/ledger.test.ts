import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { buildEntry, entryKey } from '../../core/ledger/build-entry.js';
import { canonicalJson } from '../../core/util/canonical-json.js';
import { sha256Hex } from '../../core/util/sha256.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import { buildExampleLedger, EXAMPLE_DIR } from '../../scripts/build-example-ledger.js';
import { build, makeArtifacts, makeKeyPair, tempDir } from '../helpers/release-bundle.js';
import { openLedgerAt } from '../helpers/real-adapters.js';
import { runMain } from '../helpers/run-main.js';

const root = resolve(import.meta.dirname, '../..');
const publicKey = join(EXAMPLE_DIR, 'example-signing-key.pub.pem');

/** A writable copy of the committed example ledger. */
function copyExample(): string {
  const dir = join(tempDir('maestro-ledger-'), 'ledger');
  cpSync(EXAMPLE_DIR, dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const folder of ['entries', 'seals']) for (const file of readdirSync(join(dir, folder))) chmodSync(join(dir, folder, file), 0o644);
  return dir;
}

function verify(dir: string, ...extra: string[]) {
  return runMain(['ledger', 'verify', dir, '--key', publicKey, ...extra]);
}

async function verifyJson(dir: string) {
  const run = await verify(dir, '--format', 'json');
  return { code: run.code, result: JSON.parse(run.stdout) as { ok: boolean; firstBad?: { seq?: number; problem: string; detail: string; key: string }; problems: Array<{ problem: string }>; unsealed: number; sealedThrough: number } };
}

function event(i: number): AuditEvent {
  return { action: 'waiver.granted', actor: 'sec-lead', at: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00Z`, repo: 'acme/web', controlId: 'GA-25', reason: `exception ${i}` };
}

describe('maestro ledger verify', () => {
  it('passes the committed example ledger, every seal signed by the example key', async () => {
    const run = await verify(EXAMPLE_DIR);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## Audit ledger intact');
    expect(run.stdout).toMatch(/seals\/000000000007\.sigstore\.json` \| 7 +\| pass/);
    const json = (await verifyJson(EXAMPLE_DIR)).result;
    expect(json).toMatchObject({ ok: true, entries: 7, sealedThrough: 7, unsealed: 0, problems: [] });
  });

  it('names a changed entry as the first bad entry, even when the edit keeps the JSON canonical', async () => {
    const dir = copyExample();
    const file = join(dir, entryKey(3));
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { event: { reason: string } };
    entry.event.reason = 'Approved.';
    writeFileSync(file, canonicalJson(entry));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 3, problem: 'changed', key: entryKey(3) });
    expect(result.firstBad!.detail).toContain('changed after entry 4 was appended');
    expect((await verify(dir)).stdout).toContain('First bad entry: **entry 3** (changed)');
  });

  it('catches a change of the last entry through its seal', async () => {
    const dir = copyExample();
    const file = join(dir, entryKey(7));
    writeFileSync(file, readFileSync(file, 'utf8').replace('"status":"pass"', '"status":"fail"'));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 7, problem: 'changed' });
    expect(result.firstBad!.detail).toContain('changed after it was sealed');
  });

  it('names a removed entry', async () => {
    const dir = copyExample();
    rmSync(join(dir, entryKey(4)));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 4, problem: 'removed', key: entryKey(4) });
  });

  it('names entries cut off the end after a seal covered them', async () => {
    const dir = copyExample();
    rmSync(join(dir, entryKey(7)));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 7, problem: 'truncated' });
  });

  it('names a reordered pair', async () => {
    const dir = copyExample();
    renameSync(join(dir, entryKey(5)), join(dir, 'swap'));
    renameSync(join(dir, entryKey(6)), join(dir, entryKey(5)));
    renameSync(join(dir, 'swap'), join(dir, entryKey(6)));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 5, problem: 'reordered' });
    expect(result.firstBad!.detail).toContain('the pair was swapped');
  });

  it('names a reordered pair whose positions were rewritten to match their keys', async () => {
    const dir = copyExample();
    const read = (seq: number) => JSON.parse(readFileSync(join(dir, entryKey(seq)), 'utf8')) as { seq: number };
    const [five, six] = [read(5), read(6)];
    writeFileSync(join(dir, entryKey(5)), canonicalJson({ ...six, seq: 5 }));
    writeFileSync(join(dir, entryKey(6)), canonicalJson({ ...five, seq: 6 }));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad?.seq).toBe(5);
    expect(['reordered', 'changed']).toContain(result.firstBad?.problem);
  });

  it('names a forked chain: two entries that follow the same entry', async () => {
    const dir = join(tempDir('maestro-ledger-'), 'ledger');
    const ledger = await openLedgerAt(dir);
    for (let i = 1; i <= 5; i++) await ledger.append(event(i));
    const four = readFileSync(join(dir, entryKey(4)));
    // A writer that missed entry 5 and appended after entry 4 at the next free position.
    const fork = buildEntry(event(9), { seq: 5, sha256: sha256Hex(four) }, '2026-11-20T00:00:00Z');
    fork.entry.previous = sha256Hex(four);
    writeFileSync(join(dir, entryKey(6)), canonicalJson(fork.entry));
    const run = await runMain(['ledger', 'verify', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { firstBad: { seq: number; problem: string; detail: string } };
    expect(result.firstBad).toMatchObject({ seq: 6, problem: 'forked' });
    expect(result.firstBad.detail).toContain('entries 5 and 6 both follow entry 4');
  });

  it('names a seal signed by another key', async () => {
    const dir = copyExample();
    const other = makeKeyPair(tempDir('maestro-ledger-key-'));
    const run = await verify(dir);
    expect(run.code).toBe(0);
    const wrong = await runMain(['ledger', 'verify', dir, '--key', other.publicKey, '--format', 'json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).firstBad).toMatchObject({ seq: 4, problem: 'bad-seal' });
  });

  it('reports entries after the last seal as unsealed, which is not an error', async () => {
    const dir = copyExample();
    const ledger = await openLedgerAt(dir);
    await ledger.append(event(1));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, sealedThrough: 7, unsealed: 1 });
    expect((await verify(dir)).stdout).toContain('1 entry is after the last seal');
  });

  it('without a key, checks seal contents but never says intact: chain consistent, seals not verified, exit 1 unless --no-seals', async () => {
    const run = await runMain(['ledger', 'verify', EXAMPLE_DIR]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('## Audit ledger: chain consistent, seals not verified');
    expect(run.stdout).not.toContain('intact');
    expect(run.stdout).toContain('| unverified |');
    expect(run.stdout).toContain('Seal signatures were not checked');
    const accepted = await runMain(['ledger', 'verify', EXAMPLE_DIR, '--no-seals']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('## Audit ledger: chain consistent, seals not verified');
    expect(accepted.stdout).toContain('Accepted as it is with --no-seals.');
    const json = JSON.parse((await runMain(['ledger', 'verify', EXAMPLE_DIR, '--format', 'json'])).stdout) as { ok: boolean; verdict: string; sealsVerified: boolean };
    expect(json).toMatchObject({ ok: false, verdict: 'unverified', sealsVerified: false });
    const both = await runMain(['ledger', 'verify', EXAMPLE_DIR, '--no-seals', '--key', publicKey]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--no-seals cannot be used with --key or --identity')]);
  });
});

describe('maestro ledger verify on hostile ledgers', () => {
  it('names an entry that is not JSON', async () => {
    const dir = copyExample();
    writeFileSync(join(dir, entryKey(2)), '{"format": "maestro-audit-ledger-entry/v1", ');
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 2, problem: 'changed', key: entryKey(2) });
    expect(result.firstBad!.detail).toMatch(/entries\/000000000002\.json is not valid JSON/);
  });

  it('names a huge entry without reading it', async () => {
    const dir = copyExample();
    writeFileSync(join(dir, entryKey(2)), Buffer.alloc(5 * 1024 * 1024, 0x20));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 2, problem: 'unreadable' });
    expect(result.firstBad!.detail).toContain('000000000002.json');
    expect(result.firstBad!.detail).toContain('FILE_TOO_LARGE');
  });

  it('refuses to follow an entry that is a symbolic link', async () => {
    const dir = copyExample();
    const target = join(dir, '..', 'elsewhere.json');
    renameSync(join(dir, entryKey(3)), target);
    symlinkSync(target, join(dir, entryKey(3)));
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ seq: 3, problem: 'unreadable' });
    expect(result.firstBad!.detail).toContain('symbolic link');
  });

  it('names objects that are no entry, such as a file smuggled below entries/', async () => {
    const dir = copyExample();
    mkdirSync(join(dir, 'entries', '..hidden'), { recursive: true });
    writeFileSync(join(dir, 'entries', '..hidden', '000000000001.json'), '{}');
    const { code, result } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(result.firstBad).toMatchObject({ problem: 'unexpected-object', key: 'entries/..hidden/000000000001.json' });
  });

  it('exits 2 naming the folder when there is no ledger', async () => {
    const run = await runMain(['ledger', 'verify', join(root, 'no-such-ledger')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-ledger does not exist');
  });
});

describe('maestro ledger export', () => {
  it('exports every event as JSON Lines in chain order', async () => {
    const run = await runMain(['ledger', 'export', EXAMPLE_DIR, '--key', publicKey]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string; sha256: string });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[2]).toMatchObject({ action: 'waiver.granted', actor: 'sec-lead', controlId: 'GA-25' });
    expect(lines[6]!.sha256).toBe(sha256Hex(readFileSync(join(EXAMPLE_DIR, entryKey(7)))));
  });

  it('exports CSV since a date, quoted, with formula-like text defused', async () => {
    const dir = join(tempDir('maestro-ledger-'), 'ledger');
    const ledger = await openLedgerAt(dir);
    await ledger.append(event(1));
    await ledger.append({ ...event(2), reason: '=HYPERLINK("https://evil.example","click"), then "more"' });
    await ledger.append({ ...event(3), reason: '@SUM(A1)\nsecond line', after: { until: '2026-12-01' } });
    const out = join(dir, '..', 'events.csv');
    const run = await runMain(['ledger', 'export', dir, '--format', 'csv', '--since', '2026-11-12', '--out', out, '--no-seals']);
    expect(run.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('seq,recorded_at,at,action,actor,repo,number,sha,control_id,delivery_id,reason,before,after,sha256,previous');
    expect(rows[1]).toMatch(/^2,/);
    expect(rows[1]).toContain(`"'=HYPERLINK(""https://evil.example"",""click""), then ""more"""`);
    expect(csv).toContain(`"'@SUM(A1)\nsecond line"`);
    expect(csv).toContain('"{""until"":""2026-12-01""}"');
    expect(csv.match(/\r\n/g)).toHaveLength(3);
    const since = await runMain(['ledger', 'export', dir, '--since', '2026-11-13T00:00:00Z', '--no-seals']);
    expect(since.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to export a tampered ledger, naming the first bad entry', async () => {
    const dir = copyExample();
    rmSync(join(dir, entryKey(2)));
    const run = await runMain(['ledger', 'export', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('first bad entry 2 (removed)');
  });

  it('refuses a --since that is not a time', async () => {
    const run = await runMain(['ledger', 'export', EXAMPLE_DIR, '--since', 'last week']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--since 'last week'");
  });
});

describe('maestro ledger append and seal', () => {
  it('appends events from files, seals on demand, and verifies', async () => {
    const dir = join(tempDir('maestro-ledger-'), 'ledger');
    const keys = makeKeyPair(tempDir('maestro-ledger-key-'));
    const file = join(dir, '..', 'event.json');
    writeFileSync(file, JSON.stringify(event(1)));
    expect((await runMain(['ledger', 'append', pathToFileURL(dir).href, '--event', file])).stdout).toContain('appended entry 1');
    expect((await runMain(['ledger', 'append', dir, '--event', file, '--sign', `key:${keys.privateKey}`, '--seal-every', '2'])).stdout).toContain('appended entry 2');
    expect(readdirSync(join(dir, 'seals'))).toEqual(['000000000002.sigstore.json']);
    expect((await runMain(['ledger', 'append', dir, '--event', file])).code).toBe(0);
    expect((await runMain(['ledger', 'seal', dir, '--sign', `key:${keys.privateKey}`])).stdout).toContain('sealed: entries 1 to 3');
    expect((await runMain(['ledger', 'seal', dir, '--sign', `key:${keys.privateKey}`])).stdout).toContain('already sealed');
    const run = await runMain(['ledger', 'verify', dir, '--key', keys.publicKey, '--format', 'json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, entries: 3, sealedThrough: 3, unsealed: 0 });
  });

  it('refuses invalid and oversized events, naming the file and the field, and appends nothing', async () => {
    const dir = join(tempDir('maestro-ledger-'), 'ledger');
    const bad = join(dir, '..', 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...event(1), actor: 'not a login' }));
    const invalid = await runMain(['ledger', 'append', dir, '--event', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('error AUDIT_EVENT_INVALID');
    expect(invalid.stderr).toContain(`audit event ${bad}`);
    expect(invalid.stderr).toContain('/actor');
    writeFileSync(bad, JSON.stringify({ ...event(1), reason: 'x'.repeat(2001) }));
    const long = await runMain(['ledger', 'append', dir, '--event', bad]);
    expect(long.stderr).toContain('error AUDIT_EVENT_TOO_LARGE');
    expect(long.stderr).toContain('/reason');
    writeFileSync(bad, JSON.stringify({ ...event(1), after: { blob: 'y'.repeat(9000) } }));
    expect((await runMain(['ledger', 'append', dir, '--event', bad])).stderr).toContain('has after of 9011 bytes as JSON');
    writeFileSync(bad, '{"action": ');
    const syntax = await runMain(['ledger', 'append', dir, '--event', bad]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('error JSON_SYNTAX');
    expect(readdirSync(dir).filter((f) => f === 'entries')).toEqual([]);
  });
});

describe('the example ledger', () => {
  it('is regenerated byte for byte by scripts/build-example-ledger.ts', async () => {
    const dir = join(tempDir('maestro-example-'), 'ledger');
    await buildExampleLedger(dir);
    for (const folder of ['entries', 'seals']) {
      const committed = readdirSync(join(EXAMPLE_DIR, folder)).sort();
      expect(readdirSync(join(dir, folder)).sort()).toEqual(committed);
      for (const file of committed) expect(readFileSync(join(dir, folder, file)).equals(readFileSync(join(EXAMPLE_DIR, folder, file)))).toBe(true);
    }
  });
});

describe('commands that record their acts with --ledger', () => {
  const commit = 'c'.repeat(40);

  it('maestro evidence bundle records bundle.published, with the person who ran it', async () => {
    const dir = tempDir('maestro-ledger-bundle-');
    const ledger = join(dir, 'ledger');
    const args = ['evidence', 'bundle', '--release', 'v1.0.0', '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', join(dir, 'v1.0.0'), '--repo', 'acme/web', '--commit', commit, '--created-at', '2026-11-20T12:00:00Z', '--store', pathToFileURL(join(dir, 'store')).href, '--ledger', pathToFileURL(ledger).href];
    const run = await runMain(args, { GITHUB_ACTOR: 'rel-manager' });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('recorded as entry 1 of the audit ledger file://');
    const entry = JSON.parse(readFileSync(join(ledger, entryKey(1)), 'utf8')) as { event: Record<string, unknown> };
    expect(entry.event).toMatchObject({ action: 'bundle.published', actor: 'rel-manager', repo: 'acme/web', sha: commit, after: { release: 'v1.0.0', signed: false, store: pathToFileURL(join(dir, 'store', 'v1.0.0')).href } });
    expect((await runMain(['ledger', 'verify', ledger, '--no-seals'])).code).toBe(0);
  });

  it('maestro drill restore records drill.completed with its outcome', async () => {
    const dir = tempDir('maestro-ledger-drill-');
    const keys = makeKeyPair(dir);
    const store = pathToFileURL(join(dir, 'store')).href;
    await build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'b1'), release: 'v1.0.0', createdAt: '2026-11-20T12:00:00Z', sign: { type: 'key', keyFile: keys.privateKey }, store });
    const ledger = join(dir, 'ledger');
    const run = await runMain(['drill', 'restore', '--store', store, '--rto', 'PT10M', '--key', keys.publicKey, '--repo', 'acme/web', '--commit', commit, '--ledger', ledger]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/Restore drill passed; recorded as entry 1 of the audit ledger file:\/\//);
    const entry = JSON.parse(readFileSync(join(ledger, entryKey(1)), 'utf8')) as { event: Record<string, unknown> };
    expect(entry.event).toMatchObject({ action: 'drill.completed', actor: 'maestro[bot]', repo: 'acme/web', sha: commit, after: { drill: 'restore', status: 'pass' } });
  });

  it('seals per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY, and refuses a seal interval without a key', async () => {
    const dir = tempDir('maestro-ledger-env-');
    const keys = makeKeyPair(dir);
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify(event(1)));
    const env = { LEDGER_SIGNING_KEY: `key:${keys.privateKey}`, LEDGER_SEAL_EVERY: '1' };
    expect((await runMain(['ledger', 'append', join(dir, 'ledger'), '--event', file], env)).code).toBe(0);
    expect(readdirSync(join(dir, 'ledger', 'seals'))).toEqual(['000000000001.sigstore.json']);
    const refused = await runMain(['ledger', 'append', join(dir, 'ledger'), '--event', file], { LEDGER_SEAL_EVERY: '10' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error ENV_INVALID: LEDGER_SEAL_EVERY is set but LEDGER_SIGNING_KEY is not');
  });
});
