import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { entryKey, sealKey, type LedgerHead } from '../../core/ledger/build-entry.js';
import { formatLedgerHead } from '../../core/ledger/witness.js';
import { buildSealedLedger, copyLedger, readStored, writeStored } from '../helpers/ledger-fixture.js';
import { makeArtifacts, makeKeyPair, tempDir } from '../helpers/release-bundle.js';
import { runMain } from '../helpers/run-main.js';

const COMMIT = 'c'.repeat(40);
let keys: { privateKey: string; publicKey: string };
let base = '';
let head: LedgerHead;

beforeAll(async () => {
  keys = makeKeyPair(tempDir('maestro-witness-key-'));
  base = join(tempDir('maestro-witness-base-'), 'ledger');
  head = await buildSealedLedger(base, keys.privateKey);
}, 60_000);

/** `maestro evidence bundle --ledger`: a signed release bundle published to a folder store, recorded in the ledger. */
async function releaseWith(ledger: string, work = tempDir('maestro-witness-release-')): Promise<{ store: string; bundleUrl: string; outDir: string; run: Awaited<ReturnType<typeof runMain>>; args: string[] }> {
  const store = pathToFileURL(join(work, 'store')).href;
  const outDir = join(work, 'v1.0.0');
  const args = ['evidence', 'bundle', '--release', 'v1.0.0', '--artifacts', makeArtifacts(join(work, 'artifacts')), '--out', outDir, '--repo', 'acme/web', '--commit', COMMIT, '--created-at', '2026-11-20T12:00:00Z', '--sign', `key:${keys.privateKey}`, '--store', store, '--ledger', ledger];
  return { store, bundleUrl: `${store}/v1.0.0`, outDir, run: await runMain(args, { GITHUB_ACTOR: 'rel-manager' }), args };
}

describe('a release bundle witnesses the ledger head', () => {
  it('maestro evidence bundle --ledger records the head in the signed manifest, and a re-run keeps the same head', async () => {
    const ledger = copyLedger(base);
    const { run, outDir, args } = await releaseWith(ledger);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`  witnesses the audit ledger head: entry 10 (sha256 ${head.sha256})`);
    expect(run.stdout).toContain('recorded as entry 11 of the audit ledger');
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { data: { ledger: unknown } };
    expect(manifest.data.ledger).toEqual({ seq: 10, sha256: head.sha256, store: pathToFileURL(ledger).href });
    // The ledger has grown since (entry 11): a re-run of the release job rebuilds the same manifest and finds it published.
    rmSync(outDir, { recursive: true });
    const again = await runMain(args, { GITHUB_ACTOR: 'rel-manager' });
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(again.stdout).toContain('witnesses the audit ledger head: entry 10');
    expect(again.stdout).toContain('already published at');
  });

  it('maestro ledger verify --witness <bundle> passes while the ledger reaches the head, and fails naming both heads once it does not', async () => {
    const ledger = copyLedger(base);
    const { bundleUrl, outDir } = await releaseWith(ledger);
    for (const witness of [bundleUrl, outDir, join(outDir, 'manifest.json')]) {
      const ok = await runMain(['ledger', 'verify', ledger, '--key', keys.publicKey, '--witness', witness]);
      expect([ok.code, ok.stderr]).toEqual([0, '']);
      expect(ok.stdout).toContain('## Audit ledger intact\n');
      expect(ok.stdout).toMatch(/\| release v1\.0\.0 \((manifest\.json of )?.*\) +\| 10:`[0-9a-f]{64}` +\| pass +\| entry 10 has the sha256 release v1\.0\.0/);
    }
    rmSync(join(ledger, entryKey(11)));
    rmSync(join(ledger, entryKey(10)));
    const cut = await runMain(['ledger', 'verify', ledger, '--key', keys.publicKey, '--witness', bundleUrl, '--format', 'json']);
    expect(cut.code).toBe(1);
    const result = JSON.parse(cut.stdout) as { verdict: string; firstBad: { seq: number; problem: string; detail: string } };
    expect(result.verdict).toBe('tampered');
    expect(result.firstBad).toMatchObject({ seq: 10, problem: 'truncated' });
    expect(result.firstBad.detail).toBe(`the ledger ends at entry 9, but release v1.0.0 (manifest.json of ${bundleUrl}) witnessed entry 10 (sha256 ${head.sha256}): entries 10 to 10 were removed from the end`);
    // Without the witness, the key alone cannot see it: the verdict says how far it vouches.
    const keyOnly = await runMain(['ledger', 'verify', ledger, '--key', keys.publicKey]);
    expect(keyOnly.code).toBe(0);
    expect(keyOnly.stdout).toContain('## Audit ledger intact through entry 9');
    expect(keyOnly.stdout).toContain('No witnessed head was given');
  });

  it('maestro verify <bundle> --ledger checks the ledger up to the head the manifest witnessed', async () => {
    const ledger = copyLedger(base);
    const { bundleUrl } = await releaseWith(ledger);
    const ok = await runMain(['verify', bundleUrl, '--key', keys.publicKey, '--ledger', ledger]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain(`PASS  ledger ${ledger}: entries 1 to 10 end in the head release v1.0.0 (manifest.json of ${bundleUrl}) witnessed (sha256 ${head.sha256}); entries 11 to 11 came later and link`);
    writeStored(ledger, 10, { ...readStored(ledger, 10), event: { ...readStored(ledger, 10).event, reason: 'rewritten' } });
    const bad = await runMain(['verify', bundleUrl, '--key', keys.publicKey, '--ledger', ledger]);
    expect(bad.code).toBe(1);
    // Entry 11 no longer follows it either: that is named first, the witness's finding follows.
    expect(bad.stdout).toContain(`FAIL  ledger ${ledger}: entry 10 (changed): entries/000000000010.json changed after entry 11 was appended`);
    expect(bad.stdout).toContain(`(and 1 more problem(s): maestro ledger verify ${pathToFileURL(ledger).href} --witness ${bundleUrl})`);
    const detail = await runMain(['ledger', 'verify', ledger, '--witness', bundleUrl, '--no-seals', '--format', 'json']);
    expect((JSON.parse(detail.stdout) as { problems: Array<{ detail: string }> }).problems[1]!.detail).toMatch(new RegExp(`^entries/000000000010\\.json has sha256 [0-9a-f]{64}, but release v1\\.0\\.0 .* witnessed ${head.sha256}`));
    expect(bad.stdout).toMatch(/NOT VERIFIED: 1 of \d+ checks failed/);
  });

  it('refuses a bundle that witnesses no head as a witness (exit 2), and fails it in maestro verify --ledger', async () => {
    const work = tempDir('maestro-witness-none-');
    const store = pathToFileURL(join(work, 'store')).href;
    const built = await runMain(['evidence', 'bundle', '--release', 'v1.0.0', '--artifacts', makeArtifacts(join(work, 'artifacts')), '--out', join(work, 'out'), '--repo', 'acme/web', '--commit', COMMIT, '--created-at', '2026-11-20T12:00:00Z', '--store', store]);
    expect(built.code).toBe(0);
    const refused = await runMain(['ledger', 'verify', base, '--key', keys.publicKey, '--witness', `${store}/v1.0.0`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error BUNDLE_INVALID: release v1.0.0 (manifest.json of');
    expect(refused.stderr).toContain('records no audit ledger head: it was built without --ledger');
    const verified = await runMain(['verify', `${store}/v1.0.0`, '--allow-unsigned', '--ledger', base]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`FAIL  ledger ${base}: release v1.0.0`);
  });
});

describe('a check run witnesses the ledger head', () => {
  it('--witness takes a saved check run output, --expect-head the line itself', async () => {
    const ledger = copyLedger(base);
    const text = join(tempDir('maestro-witness-check-'), 'output.txt');
    writeFileSync(text, `#### Decisions\n\n**GA-25** met\n\n${formatLedgerHead(head)}\n`);
    expect((await runMain(['ledger', 'verify', ledger, '--key', keys.publicKey, '--witness', text])).code).toBe(0);
    expect((await runMain(['ledger', 'verify', ledger, '--key', keys.publicKey, '--expect-head', `${head.seq}:${head.sha256}`])).code).toBe(0);
    rmSync(join(ledger, entryKey(10)));
    const cut = await runMain(['ledger', 'verify', ledger, '--key', keys.publicKey, '--witness', text]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`First bad entry: **entry 10** (truncated): the ledger ends at entry 9, but the check run output in ${text} witnessed entry 10`);
    const other = await runMain(['ledger', 'verify', base, '--key', keys.publicKey, '--expect-head', `9:${'0'.repeat(64)}`, '--format', 'json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).firstBad).toMatchObject({ seq: 9, problem: 'changed', detail: expect.stringContaining(`but --expect-head witnessed ${'0'.repeat(64)}`) });
  });

  it('refuses a malformed head and a file without one (exit 2)', async () => {
    const malformed = await runMain(['ledger', 'verify', base, '--key', keys.publicKey, '--expect-head', '10:abc']);
    expect([malformed.code, malformed.stderr]).toEqual([2, expect.stringContaining("--expect-head '10:abc' is not <seq>:<sha256>")]);
    const file = join(tempDir('maestro-witness-none-'), 'notes.txt');
    writeFileSync(file, 'no head here');
    const none = await runMain(['ledger', 'verify', base, '--key', keys.publicKey, '--witness', file]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining("is neither a release manifest nor a text with an 'Audit ledger head: <seq>:<sha256>' line")]);
  });
});

describe('maestro ledger export exports only what verifies', () => {
  const partials = (dir: string) => readdirSync(dir).filter((f) => f !== 'keep');

  it('refuses a ledger whose seals were not checked, writing nothing, not even a partial file', async () => {
    const folder = tempDir('maestro-export-');
    writeFileSync(join(folder, 'keep'), '');
    const out = join(folder, 'audit.csv');
    const run = await runMain(['ledger', 'export', base, '--format', 'csv', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error LEDGER_UNVERIFIED: ${pathToFileURL(base).href} did not verify, nothing was exported: its chain is consistent, but no seal signature was checked`);
    expect(existsSync(out)).toBe(false);
    expect(partials(folder)).toEqual([]);
  });

  it('exports a ledger that verifies with the key, to a file and to standard output', async () => {
    const folder = tempDir('maestro-export-');
    const out = join(folder, 'audit.csv');
    const run = await runMain(['ledger', 'export', base, '--key', keys.publicKey, '--format', 'csv', '--out', out, '--expect-head', `${head.seq}:${head.sha256}`]);
    expect([run.code, run.stderr, run.stdout]).toEqual([0, '', '']);
    const rows = readFileSync(out, 'utf8').split('\r\n');
    expect(rows[0]).toMatch(/^seq,recorded_at,/);
    expect(rows.slice(1, -1).map((r) => Number(r.split(',')[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(readdirSync(folder)).toEqual(['audit.csv']);
    const lines = (await runMain(['ledger', 'export', base, '--key', keys.publicKey])).stdout.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses a tampered ledger and one short of its witnessed head, with the same options as verify', async () => {
    const ledger = copyLedger(base);
    rmSync(join(ledger, sealKey(6)));
    const folder = tempDir('maestro-export-');
    const sealGone = await runMain(['ledger', 'export', ledger, '--key', keys.publicKey, '--out', join(folder, 'a.jsonl')]);
    expect(sealGone.code).toBe(1);
    expect(sealGone.stderr).toContain('error LEDGER_TAMPERED: ');
    expect(sealGone.stderr).toContain('first bad entry 6 (removed): seals/000000000006.sigstore.json is missing');
    const short = copyLedger(base);
    rmSync(join(short, entryKey(10)));
    const cut = await runMain(['ledger', 'export', short, '--key', keys.publicKey, '--expect-head', `${head.seq}:${head.sha256}`, '--out', join(folder, 'b.jsonl')]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('first bad entry 10 (truncated): the ledger ends at entry 9, but --expect-head witnessed entry 10');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('--unverified exports anyway, under a first line saying NOT VERIFIED and why', async () => {
    const ledger = copyLedger(base);
    writeStored(ledger, 2, { ...readStored(ledger, 2), event: { ...readStored(ledger, 2).event, reason: 'softened' } });
    const json = await runMain(['ledger', 'export', ledger, '--key', keys.publicKey, '--unverified']);
    expect(json.code).toBe(0);
    const [banner, ...events] = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(banner).toEqual({ notVerified: true, banner: expect.stringMatching(/^NOT VERIFIED: exported with --unverified from file:\/\/.*: first bad entry 2 \(changed\): entries\/000000000002\.json changed after entry 3 was appended/) });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(json.stderr).toContain('warning: exported file://');
    const out = join(tempDir('maestro-export-'), 'audit.csv');
    expect((await runMain(['ledger', 'export', ledger, '--unverified', '--format', 'csv', '--out', out])).code).toBe(0);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^"?NOT VERIFIED: exported with --unverified from file:\/\/.*first bad entry 2 \(changed\)/);
    expect(csv[1]).toMatch(/^seq,recorded_at,/);
  });
});
