import { setFlagsFromString } from 'node:v8';
import { MaestroError } from '../../core/errors.js';
import { checkAuditEvent } from '../../core/ledger/check-audit-event.js';
import { csvHeader, csvRow, exportEvent, jsonlLine, notVerifiedBanner } from '../../core/ledger/export-entries.js';
import { renderLedgerVerification } from '../../core/ledger/render-ledger-verification.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import type { LedgerVerification, LedgerWitness } from '../../core/ledger/verification-types.js';
import { parseExpectHead } from '../../core/ledger/witness.js';
import { openLedger } from '../../flows/open-ledger.js';
import { readWitness } from '../../flows/read-witness.js';
import { verifyLedgerStore, type EntrySink } from '../../flows/verify-ledger-store.js';
import { fsInputFiles, readJsonFile } from '../../adapters/fs/read-input-file.js';
import { openSpool } from '../../adapters/fs/spool-output.js';
import { printOut } from '../../adapters/fs/write-output.js';
import { ledgerOptionsFromEnv, warnSealFailed } from '../../adapters/sigstore/ledger-options-from-env.js';
import { parseSignMode } from '../../adapters/sigstore/parse-sign-mode.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';
import { readVersions } from '../../adapters/store/entry-reader.js';
import { streamKeys } from '../../adapters/store/stream-keys.js';

/** How `maestro ledger verify` and `export` decide whether the ledger verifies: whom seals must be signed by, and the heads witnessed outside it. */
export interface LedgerTrustOptions {
  key?: string;
  identity?: string;
  issuer?: string;
  trustedRoot?: string;
  /** `<seq>:<sha256>` heads, such as a check run shows. */
  expectHead?: string[];
  /** Release bundles (folder, store URL, manifest.json) or files with a check run's output. */
  witness?: string[];
  /** Accept a chain whose seal signatures were not checked. */
  noSeals?: boolean;
}

/** Options of `maestro ledger verify`. */
export interface LedgerVerifyOptions extends LedgerTrustOptions {
  format: 'markdown' | 'json';
}

/** Options of `maestro ledger export`. */
export interface LedgerExportOptions extends LedgerTrustOptions {
  format: 'jsonl' | 'csv';
  since?: string;
  out?: string;
  /** Export a ledger that does not verify, under a NOT VERIFIED banner. */
  unverified?: boolean;
}

/** Options of `maestro ledger seal` and `maestro ledger append`. */
export interface LedgerWriteOptions {
  sign?: string;
  event?: string;
  sealEvery?: string;
}

/**
 * `maestro ledger verify`: exit 0 intact (or a consistent chain with --no-seals), 1 tampered (naming
 * the first bad entry), short of a witnessed head, or seals not verified; 2 unreadable.
 */
export async function ledgerVerifyCommand(location: string, options: LedgerVerifyOptions): Promise<number> {
  const result = await verification(location, options);
  await printOut(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderLedgerVerification(result));
  return result.ok ? 0 : 1;
}

/**
 * `maestro ledger export`: the chain's events as JSON Lines or CSV, verified first as `ledger
 * verify` does (in the same reading: each verified entry goes to a spool file, published only once
 * the whole ledger verified). A ledger that does not verify is refused, nothing written, unless
 * --unverified, which exports it under a NOT VERIFIED banner.
 */
export async function ledgerExportCommand(location: string, options: LedgerExportOptions): Promise<number> {
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const spool = await openSpool(options.out);
  let published = false;
  try {
    if (options.format === 'csv') spool.write(csvHeader());
    const result = await verification(location, options, (entry) => {
      const event = exportEvent(entry, since);
      if (event) spool.write(options.format === 'csv' ? csvRow(event) : jsonlLine(event));
    });
    const why = result.ok ? undefined : notVerified(result);
    if (why && !options.unverified) {
      await spool.discard();
      const code = result.verdict === 'tampered' ? 'LEDGER_TAMPERED' : 'LEDGER_UNVERIFIED';
      process.stderr.write(`error ${code}: ${result.location} ${result.verdict === 'tampered' ? 'is not intact' : 'did not verify'}, nothing was exported: ${why}\n  remedy: ${result.verdict === 'tampered' ? `run maestro ledger verify ${result.location} for every problem` : 'pass --key <public key PEM> (or --identity and --issuer) to check the seals, or --no-seals to export a chain checked without them'}; --unverified exports it anyway, under a NOT VERIFIED banner.\n`);
      return 1;
    }
    await spool.commit(why ? notVerifiedBanner(options.format, `exported with --unverified from ${result.location}: ${why}`) : '');
    published = true;
    if (why) process.stderr.write(`warning: exported ${result.location} with --unverified, under a NOT VERIFIED banner: ${why}\n`);
    return 0;
  } finally {
    if (!published) await spool.discard();
  }
}

/** Verifies the ledger as `ledger verify` and `export` are told: seals, witnesses, and whether unchecked seals are accepted. */
async function verification(location: string, options: LedgerTrustOptions, sink?: EntrySink): Promise<LedgerVerification> {
  if (options.noSeals && (options.key || options.identity)) throw new MaestroError('USAGE', '--no-seals cannot be used with --key or --identity', { remedy: 'pass --key (or --identity and --issuer) to check the seals, or --no-seals to accept the chain without checking them.' });
  // The Sigstore verifier is large: loaded by the commands that verify, not by seal or append.
  const { verifySigstoreBundle } = await import('../../adapters/sigstore/verify-sigstore-bundle.js');
  keepYoungGenerationSmall();
  const io = { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle, listKeys: streamKeys, readVersions };
  const witnesses: LedgerWitness[] = (options.expectHead ?? []).map((head) => parseExpectHead(head));
  for (const source of options.witness ?? []) witnesses.push(await readWitness(source, io));
  return verifyLedgerStore({ location, keyFile: options.key, identity: options.identity, issuer: options.issuer, trustedRootFile: options.trustedRoot, witnesses, requireSeals: !options.noSeals }, io, sink);
}

/**
 * Verification streams the ledger with a live set of a few entries, but V8 grows its young
 * generation (to 32 MiB) with every collection that finds anything alive, so on a long ledger the
 * process's memory would grow with its length until then, for no gain: at 100,000 entries the time
 * is the same either way (BENCHMARKS.md, "Audit ledger at 100,000 entries"). This one-shot command
 * keeps it at its starting size. `--semi-space-growth-factor` is read at each growth decision.
 */
function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Why a verification is not good enough to vouch for the ledger, in a sentence. */
function notVerified(result: LedgerVerification): string {
  const bad = result.firstBad;
  if (bad) return `first bad entry ${bad.seq ?? bad.key} (${bad.problem}): ${bad.detail}`;
  return 'its chain is consistent, but no seal signature was checked (no --key or --identity)';
}

/** `maestro ledger seal`: sign a seal over the current head. */
export async function ledgerSealCommand(location: string, options: LedgerWriteOptions): Promise<number> {
  if (!options.sign) throw new MaestroError('USAGE', 'maestro ledger seal needs --sign', { remedy: 'pass --sign key:<ECDSA P-256 private key PEM> or --sign keyless.' });
  const ledger = await openLedger(await openStore(location), { signer: statementSigner(parseSignMode(options.sign)) });
  const seal = await ledger.seal();
  await printOut(seal ? `${seal.created ? 'sealed' : 'already sealed'}: entries 1 to ${seal.seq} of ${ledger.url} (head sha256 ${seal.sha256}) in ${seal.key}\n` : `${ledger.url} has no entries: nothing to seal\n`);
  return 0;
}

/** `maestro ledger append`: append one event from a JSON file (for workflows that record their own acts). */
export async function ledgerAppendCommand(location: string, options: LedgerWriteOptions): Promise<number> {
  if (!options.event) throw new MaestroError('USAGE', 'maestro ledger append needs --event <json file>', { remedy: 'pass a file holding one audit event: {"action", "actor", "at", "repo", ...}.' });
  const event = (await readJsonFile(options.event, 'audit event', 64 * 1024)) as AuditEvent;
  const fromEnv = ledgerOptionsFromEnv();
  const signer = options.sign ? statementSigner(parseSignMode(options.sign)) : fromEnv.signer;
  const sealEvery = options.sealEvery === undefined ? fromEnv.sealEvery : Number(options.sealEvery);
  const ledger = await openLedger(await openStore(location), { signer, sealEvery, onSealError: warnSealFailed });
  const { seq, sha256 } = await ledger.append(checkAuditEvent(event, `audit event ${options.event}`, options.event));
  await printOut(`appended entry ${seq} to ${ledger.url} (sha256 ${sha256})\n`);
  return 0;
}

/** `--since`: an RFC 3339 time or a date (midnight UTC). */
function parseSince(text: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!ok || Number.isNaN(date.getTime())) throw new MaestroError('USAGE', `--since '${text}' is neither an RFC 3339 time nor a date`, { remedy: 'write it as 2026-11-01 or 2026-11-01T08:00:00Z.' });
  return date;
}
