/**
 * The ledger mutation corpus: tamperings of a sealed audit ledger (10 entries, sealed every 3
 * entries with a key: seals over 3, 6 and 9, entry 10 not yet sealed), each caught with a message
 * naming what changed. `key` cases are caught by `ledger verify --key` alone; `witness` cases only
 * against a head recorded outside the store: the manifest of a release bundle built with the ledger
 * and the output text of a check run. Every truncation is also held against both witnesses. The
 * cases a key cannot catch are the ones docs/audit-ledger.md lists under "What cannot be caught, by design".
 */
import { renameSync, rmSync, readdirSync, readFileSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildEntry, entryKey, sealKey, type LedgerHead } from '../../core/ledger/build-entry.js';
import { buildSealStatement } from '../../core/ledger/build-seal-statement.js';
import type { LedgerProblemKind, LedgerWitness } from '../../core/ledger/verification-types.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { signStatement } from '../../adapters/sigstore/sign-statement.js';
import { buildSealedLedger, copyLedger, fixtureEvent, readStored, relink, verifyWith, witnessesOf, writeStored } from '../helpers/ledger-fixture.js';
import { makeKeyPair, tempDir } from '../helpers/release-bundle.js';

interface Context {
  keys: { privateKey: string; publicKey: string };
  other: { privateKey: string; publicKey: string };
}

interface Mutation {
  name: string;
  tamper: (dir: string, ctx: Context) => void | Promise<void>;
  /** What the first bad entry must say; for `witness` cases, what the witness check says. */
  expect: { problem: LedgerProblemKind; seq?: number; detail: RegExp };
  /** `key`: caught with the key alone; `witness`: only against a witnessed head. */
  by: 'key' | 'witness';
  /** Entries cut off the end: also held against both witnesses. */
  truncation?: boolean;
}

const rm = (dir: string, ...paths: string[]) => { for (const path of paths) rmSync(join(dir, path), { force: true, recursive: true }); };
const entries = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entryKey(from + i));
const seal = (dir: string, seq: number) => join(dir, sealKey(seq));

/** Re-signs the statement of seal `seq` with another key, as someone without the ledger's key would. */
async function resign(dir: string, seq: number, privateKey: string): Promise<void> {
  const bundle = JSON.parse(readFileSync(seal(dir, seq), 'utf8')) as { dsseEnvelope: { payload: string } };
  const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
  writeFileSync(seal(dir, seq), `${JSON.stringify(await signStatement(statement, { type: 'key', keyFile: privateKey }), null, 2)}\n`);
}

const CORPUS: Mutation[] = [
  { name: 'an entry edited, its JSON kept canonical', by: 'key', tamper: (d) => writeStored(d, 2, { ...readStored(d, 2), event: { ...readStored(d, 2).event, reason: 'Approved.' } }), expect: { problem: 'changed', seq: 2, detail: /changed after entry 3 was appended/ } },
  { name: 'an entry pretty-printed', by: 'key', tamper: (d) => writeFileSync(join(d, entryKey(5)), JSON.stringify(readStored(d, 5), null, 2)), expect: { problem: 'changed', seq: 5, detail: /not the canonical JSON maestro writes/ } },
  { name: 'an entry overwritten with bytes that are no JSON', by: 'key', tamper: (d) => writeFileSync(join(d, entryKey(4)), '{"format": "maestro-audit-ledger-entry/v1", '), expect: { problem: 'changed', seq: 4, detail: /000000000004\.json is not valid JSON/ } },
  { name: 'a field added to an entry', by: 'key', tamper: (d) => writeStored(d, 7, { ...readStored(d, 7), note: 'added later' } as never), expect: { problem: 'changed', seq: 7, detail: /000000000007\.json is not a valid ledger entry \(\/note unknown field "note"\): it was edited/ } },
  { name: 'an entry\'s seq edited', by: 'key', tamper: (d) => writeStored(d, 4, { ...readStored(d, 4), seq: 40 }), expect: { problem: 'changed', seq: 4, detail: /holds an entry that says it is entry 40/ } },
  { name: 'an entry\'s link cut (previous set to null)', by: 'key', tamper: (d) => writeStored(d, 5, { ...readStored(d, 5), previous: null }), expect: { problem: 'changed', seq: 5, detail: /claims to be the first entry \(previous is null\), but entry 4 comes before it/ } },
  { name: 'an entry removed', by: 'key', tamper: (d) => rm(d, entryKey(5)), expect: { problem: 'removed', seq: 5, detail: /entry 5 was removed \(entry 4 and entry 10 remain\)/ } },
  { name: 'two entries removed', by: 'key', tamper: (d) => rm(d, ...entries(4, 5)), expect: { problem: 'removed', seq: 4, detail: /entries 4 to 5 were removed/ } },
  { name: 'two entries swapped', by: 'key', tamper: (d) => { renameSync(join(d, entryKey(5)), join(d, 'swap')); renameSync(join(d, entryKey(6)), join(d, entryKey(5))); renameSync(join(d, 'swap'), join(d, entryKey(6))); }, expect: { problem: 'reordered', seq: 5, detail: /000000000005\.json holds entry 6 and entries\/000000000006\.json holds entry 5: the pair was swapped/ } },
  {
    name: 'two entries reordered with their seq fixed to fit their keys', by: 'key',
    tamper: (d) => { const [five, six] = [readStored(d, 5), readStored(d, 6)]; writeStored(d, 5, { ...six, seq: 5 }); writeStored(d, 6, { ...five, seq: 6 }); },
    expect: { problem: 'changed', seq: 5, detail: /000000000005\.json does not follow entry 4, which entry 6 follows: entry 5 was changed, or moved here \(entries reordered and renumbered/ },
  },
  { name: 'the first entry removed and the others renumbered', by: 'key', tamper: (d) => { for (let seq = 1; seq <= 9; seq++) writeStored(d, seq, { ...readStored(d, seq + 1), seq }); rm(d, entryKey(10)); }, expect: { problem: 'changed', seq: 1, detail: /is the first entry but records a previous entry/ } },
  { name: 'an entry copied to the next position', by: 'key', tamper: (d) => copyFileSync(join(d, entryKey(10)), join(d, entryKey(11))), expect: { problem: 'changed', seq: 11, detail: /000000000011\.json holds an entry that says it is entry 10/ } },
  { name: 'a forked chain: a second entry after entry 9', by: 'key', tamper: (d) => { const fork = buildEntry(fixtureEvent(2), { seq: 10, sha256: sha256Hex(readFileSync(join(d, entryKey(9)))) }, '2026-11-20T00:00:00Z'); writeFileSync(join(d, entryKey(11)), fork.bytes); }, expect: { problem: 'forked', seq: 11, detail: /entries 10 and 11 both follow entry 9/ } },
  { name: 'an entry rewritten with every link after it recomputed', by: 'key', tamper: (d) => { writeStored(d, 2, { ...readStored(d, 2), event: { ...readStored(d, 2).event, reason: 'nothing to see' } }); relink(d, 2, 10); }, expect: { problem: 'changed', seq: 3, detail: /000000000003\.json changed after it was sealed: .* \(entry 3 was rewritten, or an entry before it with the links after it recomputed\)/ } },
  { name: 'a sealed entry rewritten with the links recomputed to the head', by: 'key', tamper: (d) => { writeStored(d, 8, { ...readStored(d, 8), event: fixtureEvent(5) }); relink(d, 8, 10); }, expect: { problem: 'changed', seq: 9, detail: /000000000009\.json changed after it was sealed/ } },
  { name: 'the tail rewritten with links recomputed and the newest seal deleted', by: 'key', tamper: (d) => { writeStored(d, 8, { ...readStored(d, 8), event: fixtureEvent(5) }); relink(d, 8, 10); rm(d, sealKey(9)); }, expect: { problem: 'unsealed', seq: 9, detail: /seals\/000000000009\.sigstore\.json is missing: seals\/000000000006\.sigstore\.json says the ledger is sealed every 3 entries, and entry 9 exists/ } },
  { name: 'a file smuggled in below entries/', by: 'key', tamper: (d) => writeFileSync(join(d, 'entries', 'notes.txt'), 'hello'), expect: { problem: 'unexpected-object', detail: /entries\/notes\.txt is not an entry or seal maestro writes/ } },
  { name: 'an entry replaced by a symbolic link', by: 'key', tamper: (d) => { renameSync(join(d, entryKey(3)), join(d, '..', 'elsewhere.json')); symlinkSync(join(d, '..', 'elsewhere.json'), join(d, entryKey(3))); }, expect: { problem: 'unreadable', seq: 3, detail: /symbolic link/ } },
  { name: 'an entry replaced by a huge file', by: 'key', tamper: (d) => writeFileSync(join(d, entryKey(3)), Buffer.alloc(5 * 1024 * 1024, 0x20)), expect: { problem: 'unreadable', seq: 3, detail: /FILE_TOO_LARGE/ } },
  { name: 'a middle seal deleted', by: 'key', tamper: (d) => rm(d, sealKey(3)), expect: { problem: 'removed', seq: 3, detail: /seals\/000000000003\.sigstore\.json is missing: seals\/000000000006\.sigstore\.json names it as the seal before it/ } },
  { name: 'another middle seal deleted', by: 'key', tamper: (d) => rm(d, sealKey(6)), expect: { problem: 'removed', seq: 6, detail: /seals\/000000000006\.sigstore\.json is missing: seals\/000000000009\.sigstore\.json names it/ } },
  { name: 'the newest seal deleted', by: 'key', tamper: (d) => rm(d, sealKey(9)), expect: { problem: 'unsealed', seq: 9, detail: /sealed every 3 entries, and entry 9 exists: the seal was deleted, or writing it failed/ } },
  { name: 'every seal deleted', by: 'key', tamper: (d) => rm(d, 'seals'), expect: { problem: 'unsealed', detail: /no seal is stored: with --key the ledger must carry seals signed by it, and nothing vouches for entries 1 to 10/ } },
  { name: 'two seals swapped', by: 'key', tamper: (d) => { renameSync(seal(d, 3), join(d, 'swap')); renameSync(seal(d, 6), seal(d, 3)); renameSync(join(d, 'swap'), seal(d, 6)); }, expect: { problem: 'bad-seal', seq: 3, detail: /000000000003\.sigstore\.json does not seal entry 3 .*: it was replaced/ } },
  { name: 'a seal replayed under a later position', by: 'key', tamper: (d) => copyFileSync(seal(d, 6), seal(d, 9)), expect: { problem: 'bad-seal', seq: 9, detail: /000000000009\.sigstore\.json does not seal entry 9/ } },
  { name: 'a seal moved to another position', by: 'key', tamper: (d) => renameSync(seal(d, 3), seal(d, 4)), expect: { problem: 'removed', seq: 3, detail: /000000000003\.sigstore\.json is missing/ } },
  { name: 'a seal re-signed with another key', by: 'key', tamper: (d, c) => resign(d, 6, c.other.privateKey), expect: { problem: 'bad-seal', seq: 6, detail: /000000000006\.sigstore\.json does not verify/ } },
  { name: 'a seal\'s signature altered', by: 'key', tamper: (d) => { const b = JSON.parse(readFileSync(seal(d, 3), 'utf8')); const sig = b.dsseEnvelope.signatures[0].sig as string; b.dsseEnvelope.signatures[0].sig = `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`; writeFileSync(seal(d, 3), JSON.stringify(b)); }, expect: { problem: 'bad-seal', seq: 3, detail: /000000000003\.sigstore\.json does not verify/ } },
  { name: 'a seal file rewritten, its signature still valid', by: 'key', tamper: (d) => writeFileSync(seal(d, 3), JSON.stringify(JSON.parse(readFileSync(seal(d, 3), 'utf8')))), expect: { problem: 'bad-seal', seq: 3, detail: /000000000003\.sigstore\.json was replaced: seals\/000000000006\.sigstore\.json names the seal before it with sha256/ } },
  {
    name: 'the whole ledger rewritten and resealed with another key', by: 'key',
    tamper: async (d, c) => { for (let seq = 1; seq <= 10; seq++) writeStored(d, seq, { ...readStored(d, seq), recordedAt: '2027-01-01T00:00:00Z' }); relink(d, 1, 10); for (const seq of [3, 6, 9]) { const statement = buildSealStatement({ seq, sha256: sha256Hex(readFileSync(join(d, entryKey(seq)))) }, '2027-01-01T00:00:00Z'); writeFileSync(seal(d, seq), JSON.stringify(await signStatement(statement, { type: 'key', keyFile: c.other.privateKey }))); } },
    expect: { problem: 'bad-seal', seq: 3, detail: /does not verify/ },
  },
  // Entries cut off the end.
  { name: 'the last two entries deleted, one of them sealed', by: 'key', truncation: true, tamper: (d) => rm(d, ...entries(9, 10)), expect: { problem: 'truncated', seq: 9, detail: /seals entry 9, but the ledger ends at entry 8: entries 9 to 9 were removed from the end/ } },
  { name: 'everything deleted', by: 'key', truncation: true, tamper: (d) => rm(d, 'entries', 'seals'), expect: { problem: 'truncated', seq: 1, detail: /holds no entries and no seals: there is nothing to verify/ } },
  { name: 'every entry deleted, the seals kept', by: 'key', truncation: true, tamper: (d) => rm(d, 'entries'), expect: { problem: 'truncated', seq: 1, detail: /seals entry 3, but the ledger ends at no entry/ } },
  { name: 'the last entry deleted (not yet sealed)', by: 'witness', truncation: true, tamper: (d) => rm(d, entryKey(10)), expect: { problem: 'truncated', seq: 10, detail: /the ledger ends at entry 9, but .* witnessed entry 10 .*: entries 10 to 10 were removed from the end/ } },
  { name: 'the newest seal deleted with the entries after the previous seal', by: 'witness', truncation: true, tamper: (d) => rm(d, sealKey(9), ...entries(7, 10)), expect: { problem: 'truncated', seq: 7, detail: /the ledger ends at entry 6, but .* witnessed entry 10/ } },
  { name: 'cut back before the newest seal, that seal deleted too', by: 'witness', truncation: true, tamper: (d) => rm(d, sealKey(9), ...entries(9, 10)), expect: { problem: 'truncated', seq: 9, detail: /the ledger ends at entry 8, but .* witnessed entry 10/ } },
  // Rewrites after the last seal.
  { name: 'the unsealed head rewritten', by: 'witness', tamper: (d) => writeStored(d, 10, { ...readStored(d, 10), event: { ...readStored(d, 10).event, reason: 'nothing happened' } }), expect: { problem: 'changed', seq: 10, detail: /000000000010\.json has sha256 [0-9a-f]{64}, but .* witnessed [0-9a-f]{64}: entry 10 was rewritten/ } },
  {
    name: 'the head replaced by a forged override.granted', by: 'witness',
    tamper: (d) => { const forged = buildEntry({ action: 'override.granted', actor: 'rel-manager', at: '2026-11-11T10:00:00Z', repo: 'acme/web', number: 999, sha: 'f'.repeat(40), before: { conclusion: 'failure' }, after: { conclusion: 'success', override: true }, reason: 'approved by the CTO' }, { seq: 9, sha256: sha256Hex(readFileSync(join(d, entryKey(9)))) }, readStored(d, 10).recordedAt); writeFileSync(join(d, entryKey(10)), forged.bytes); },
    expect: { problem: 'changed', seq: 10, detail: /000000000010\.json has sha256 [0-9a-f]{64}, but .* witnessed/ },
  },
];

describe('the ledger mutation corpus', () => {
  const ctx = {} as Context;
  let base = '';
  let head: LedgerHead;
  let witnesses: { bundle: LedgerWitness; checkRun: LedgerWitness };

  beforeAll(async () => {
    ctx.keys = makeKeyPair(tempDir('maestro-ledger-key-'));
    ctx.other = makeKeyPair(tempDir('maestro-ledger-other-key-'));
    base = join(tempDir('maestro-ledger-base-'), 'ledger');
    head = await buildSealedLedger(base, ctx.keys.privateKey);
    witnesses = await witnessesOf(base);
  }, 60_000);

  it('starts from an intact ledger: 10 entries, seals over 3, 6 and 9, witnessed at its head', async () => {
    expect(readdirSync(join(base, 'seals')).sort()).toEqual([3, 6, 9].map((n) => sealKey(n).slice('seals/'.length)));
    expect([witnesses.bundle, witnesses.checkRun].map((w) => [w.seq, w.sha256])).toEqual([[10, head.sha256], [10, head.sha256]]);
    expect(witnesses.bundle.source).toMatch(/^release v1\.0\.0 \(manifest\.json of file:\/\//);
    expect(witnesses.checkRun.source).toMatch(/^the check run output in .*check-run-output\.txt$/);
    const result = await verifyWith(base, ctx.keys.publicKey, [witnesses.bundle, witnesses.checkRun]);
    expect(result).toMatchObject({ ok: true, verdict: 'intact', entries: 10, sealedThrough: 9, unsealed: 1, problems: [] });
    expect(result.witnesses.map((w) => w.result)).toEqual(['pass', 'pass']);
  });

  it('holds at least 30 tamperings, every case of the issue among them', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.filter((c) => c.by === 'key').map((c) => [c.name, c] as const))('catches with the key alone: %s', async (_name, mutation) => {
    const dir = copyLedger(base);
    await mutation.tamper(dir, ctx);
    const result = await verifyWith(dir, ctx.keys.publicKey);
    expect(result).toMatchObject({ ok: false, verdict: 'tampered' });
    expect(result.firstBad).toMatchObject({ problem: mutation.expect.problem, ...(mutation.expect.seq !== undefined ? { seq: mutation.expect.seq } : {}) });
    expect(result.firstBad!.detail).toMatch(mutation.expect.detail);
  });

  it.each(CORPUS.filter((c) => c.by === 'witness').map((c) => [c.name, c] as const))('passes the key alone, by design, but not a witnessed head: %s', async (_name, mutation) => {
    const dir = copyLedger(base);
    await mutation.tamper(dir, ctx);
    const keyOnly = await verifyWith(dir, ctx.keys.publicKey);
    expect(keyOnly).toMatchObject({ ok: true, verdict: 'intact', witnesses: [] });
    for (const witness of [witnesses.bundle, witnesses.checkRun]) {
      const result = await verifyWith(dir, ctx.keys.publicKey, [witness]);
      expect(result).toMatchObject({ ok: false, verdict: 'tampered', witnesses: [expect.objectContaining({ result: 'fail' })] });
      const problem = result.problems.find((p) => p.detail.includes(witness.source));
      expect(problem).toMatchObject({ problem: mutation.expect.problem, seq: mutation.expect.seq });
      expect(problem!.detail).toMatch(mutation.expect.detail);
    }
  });

  it.each(CORPUS.filter((c) => c.truncation).map((c) => [c.name, c] as const))('catches a truncation against the release bundle and the check run: %s', async (_name, mutation) => {
    const dir = copyLedger(base);
    await mutation.tamper(dir, ctx);
    for (const witness of [witnesses.bundle, witnesses.checkRun]) {
      const result = await verifyWith(dir, ctx.keys.publicKey, [witness]);
      expect(result.ok).toBe(false);
      expect(result.witnesses).toEqual([expect.objectContaining({ result: 'fail', detail: expect.stringMatching(new RegExp(`but ${witness.source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} witnessed entry 10 \\(sha256 ${head.sha256}\\): entries \\d+ to 10 were removed from the end`)) })]);
    }
  });

  it('cannot catch, by design, a forged entry appended after the head: it is reported as not yet sealed', async () => {
    const dir = copyLedger(base);
    const forged = buildEntry(fixtureEvent(3), head, '2026-11-20T00:00:00Z');
    writeFileSync(join(dir, entryKey(11)), forged.bytes);
    const result = await verifyWith(dir, ctx.keys.publicKey, [witnesses.bundle, witnesses.checkRun]);
    expect(result).toMatchObject({ ok: true, verdict: 'intact', unsealed: 2, head: { seq: 11 } });
  });

  it('cannot catch, by design, the newest seal deleted when it was sealed on demand: its entries show as not sealed', async () => {
    const dir = join(tempDir('maestro-ledger-on-demand-'), 'ledger');
    const { openLedgerAt } = await import('../helpers/real-adapters.js');
    const { statementSigner } = await import('../../adapters/sigstore/statement-signer.js');
    const ledger = await openLedgerAt(dir, { signer: statementSigner({ type: 'key', keyFile: ctx.keys.privateKey }), now: () => new Date('2026-11-20T12:00:00Z') });
    for (let i = 1; i <= 6; i++) {
      await ledger.append(fixtureEvent(i));
      if (i % 3 === 0) await ledger.seal();
    }
    const copy = copyLedger(dir);
    rm(copy, sealKey(6));
    expect(await verifyWith(copy, ctx.keys.publicKey)).toMatchObject({ ok: true, verdict: 'intact', sealedThrough: 3, unsealed: 3 });
    rm(copy, sealKey(3));
    expect((await verifyWith(copy, ctx.keys.publicKey)).firstBad).toMatchObject({ problem: 'unsealed' });
  });

  it('does not call a ledger intact when its seals were not checked, and says so', async () => {
    const result = await verifyWith(base, undefined);
    expect(result).toMatchObject({ ok: false, verdict: 'unverified', sealsVerified: false, problems: [] });
    expect((await verifyWith(base, undefined, [], { requireSeals: false })).ok).toBe(true);
  });
});
