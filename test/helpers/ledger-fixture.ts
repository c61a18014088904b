import { chmodSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryKey, type LedgerEntry, type LedgerHead } from '../../core/ledger/build-entry.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import type { LedgerWitness } from '../../core/ledger/verification-types.js';
import { canonicalJson } from '../../core/util/canonical-json.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { withLedgerHead } from '../../core/render/render-check-output.js';
import { ledgerHeadForRelease } from '../../flows/ledger-witness.js';
import { readWitness } from '../../flows/read-witness.js';
import { verifyLedgerStore, type VerifyLedgerInput } from '../../flows/verify-ledger-store.js';
import { readVersions } from '../../adapters/store/entry-reader.js';
import { openStore } from '../../adapters/store/open-store.js';
import { streamKeys } from '../../adapters/store/stream-keys.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { build, makeArtifacts, tempDir } from './release-bundle.js';
import { openLedgerAt, verifyIo } from './real-adapters.js';

/** The adapters `maestro ledger verify` wires: the real stores, listed and read lean. */
export const ledgerVerifyIo = { ...verifyIo, listKeys: streamKeys, readVersions };

/** The acts of the fixture ledger: varied, as the App and the commands record them. */
export function fixtureEvent(i: number): AuditEvent {
  const at = `2026-11-${String(1 + i).padStart(2, '0')}T10:00:00Z`;
  const acts: AuditEvent[] = [
    { action: 'waiver.granted', actor: 'sec-lead', at, repo: 'acme/web', number: 400 + i, controlId: 'GA-25', after: { until: '2026-12-01' }, reason: `exception ${i}` },
    { action: 'gate.decision-changed', actor: 'maestro-conductor[bot]', at, deliveryId: `d-${i}`, repo: 'acme/web', number: 400 + i, sha: 'a'.repeat(40), before: { conclusion: 'success' }, after: { conclusion: 'failure' } },
    { action: 'override.granted', actor: 'oncall-sam', at, repo: 'acme/web', number: 400 + i, sha: 'b'.repeat(40), before: { conclusion: 'failure' }, after: { conclusion: 'success', override: true }, reason: `incident ${i}` },
  ];
  return acts[i % acts.length]!;
}

/**
 * A ledger of `count` entries in a folder, sealed with `privateKey` every `sealEvery` entries as
 * the App seals it (each seal names the one before and the interval), on a fixed clock. Returns its head.
 */
export async function buildSealedLedger(dir: string, privateKey: string, count = 10, sealEvery = 3): Promise<LedgerHead> {
  let clock = Date.parse('2026-11-01T10:00:00Z');
  const ledger = await openLedgerAt(dir, { now: () => new Date((clock += 1000)), signer: statementSigner({ type: 'key', keyFile: privateKey }), sealEvery, onSealError: (error) => { throw error; } });
  for (let i = 1; i <= count; i++) await ledger.append(fixtureEvent(i));
  return (await ledger.head())!;
}

/** A writable copy of a ledger folder (entries and seals are stored read-only). */
export function copyLedger(from: string): string {
  const dir = join(tempDir('maestro-ledger-corpus-'), 'ledger');
  cpSync(from, dir, { recursive: true });
  for (const folder of ['entries', 'seals']) {
    chmodSync(join(dir, folder), 0o755);
    for (const file of readdirSync(join(dir, folder))) chmodSync(join(dir, folder, file), 0o644);
  }
  return dir;
}

export function readStored(dir: string, seq: number): LedgerEntry {
  return JSON.parse(readFileSync(join(dir, entryKey(seq)), 'utf8')) as LedgerEntry;
}

/** Writes an entry as maestro would (canonical JSON); returns the sha256 of its bytes. */
export function writeStored(dir: string, seq: number, entry: LedgerEntry): string {
  const bytes = Buffer.from(canonicalJson(entry));
  writeFileSync(join(dir, entryKey(seq)), bytes);
  return sha256Hex(bytes);
}

/** Recomputes the links of entries `from` to `to` after an edit, as a forger who knows the format would. */
export function relink(dir: string, from: number, to: number): void {
  let previous = from > 1 ? sha256Hex(readFileSync(join(dir, entryKey(from - 1)))) : null;
  for (let seq = from; seq <= to; seq++) previous = writeStored(dir, seq, { ...readStored(dir, seq), previous });
}

/** Verifies as `maestro ledger verify <dir> --key <publicKey>` does, held against `witnesses`. */
export function verifyWith(dir: string, publicKey: string | undefined, witnesses: LedgerWitness[] = [], extra: Partial<VerifyLedgerInput> = {}) {
  return verifyLedgerStore({ location: dir, ...(publicKey ? { keyFile: publicKey } : {}), witnesses, requireSeals: true, ...extra }, ledgerVerifyIo);
}

/**
 * The two witnesses of a ledger's head kept outside its store: the manifest of a release bundle
 * built with the ledger (read back from the bundle's store URL), and the text of a check run's
 * output as the App writes it (read back from a saved file).
 */
export async function witnessesOf(ledgerDir: string): Promise<{ bundle: LedgerWitness; checkRun: LedgerWitness; bundleUrl: string; checkRunFile: string }> {
  const work = tempDir('maestro-ledger-witness-');
  const store = pathToFileURL(join(work, 'store')).href;
  const head = await ledgerHeadForRelease(await openStore(ledgerDir));
  await build({ artifactsDir: makeArtifacts(join(work, 'artifacts')), outDir: join(work, 'v1.0.0'), store, ledgerHead: head });
  const bundleUrl = `${store}/v1.0.0`;
  const checkRunFile = join(work, 'check-run-output.txt');
  writeFileSync(checkRunFile, withLedgerHead({ title: 'All 6 applicable controls are met', summary: '### Gate notes', text: '#### Decisions\n', annotations: [] }, head).text);
  const io = { stores: verifyIo.stores, inputFiles: verifyIo.inputFiles };
  return { bundle: await readWitness(bundleUrl, io), checkRun: await readWitness(checkRunFile, io), bundleUrl, checkRunFile };
}
