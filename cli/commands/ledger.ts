import { MaestroError } from '../../core/errors.js';
import { checkAuditEvent } from '../../core/ledger/check-audit-event.js';
import { exportEvents, renderCsv, renderJsonl } from '../../core/ledger/export-entries.js';
import { renderLedgerVerification } from '../../core/ledger/render-ledger-verification.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import { verifyChain } from '../../core/ledger/verify-chain.js';
import { openLedger } from '../../flows/open-ledger.js';
import { readLedger } from '../../flows/read-ledger.js';
import { verifyLedgerStore } from '../../flows/verify-ledger-store.js';
import { fsInputFiles, readJsonFile } from '../../adapters/fs/read-input-file.js';
import { printOut, writeFileAtomic } from '../../adapters/fs/write-output.js';
import { ledgerOptionsFromEnv, warnSealFailed } from '../../adapters/sigstore/ledger-options-from-env.js';
import { parseSignMode } from '../../adapters/sigstore/parse-sign-mode.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';

/** Options of `maestro ledger verify`. */
export interface LedgerVerifyOptions {
  key?: string;
  identity?: string;
  issuer?: string;
  trustedRoot?: string;
  format: 'markdown' | 'json';
}

/** Options of `maestro ledger export`. */
export interface LedgerExportOptions {
  format: 'jsonl' | 'csv';
  since?: string;
  out?: string;
}

/** Options of `maestro ledger seal` and `maestro ledger append`. */
export interface LedgerWriteOptions {
  sign?: string;
  event?: string;
  sealEvery?: string;
}

/** `maestro ledger verify`: exit 0 intact, 1 tampered (naming the first bad entry), 2 unreadable. */
export async function ledgerVerifyCommand(location: string, options: LedgerVerifyOptions): Promise<number> {
  // The Sigstore verifier is large: loaded by this command only, not by export, seal or append.
  const { verifySigstoreBundle } = await import('../../adapters/sigstore/verify-sigstore-bundle.js');
  const result = await verifyLedgerStore({ location, keyFile: options.key, identity: options.identity, issuer: options.issuer, trustedRootFile: options.trustedRoot }, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle });
  await printOut(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderLedgerVerification(result));
  return result.ok ? 0 : 1;
}

/** `maestro ledger export`: the chain's events as JSON Lines or CSV, refused when the chain is broken. */
export async function ledgerExportCommand(location: string, options: LedgerExportOptions): Promise<number> {
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const store = await openStore(location);
  const stored = await readLedger(store);
  const chain = verifyChain(stored.entries, stored.unexpected);
  const bad = chain.problems[0];
  if (bad) {
    process.stderr.write(`error LEDGER_TAMPERED: ${store.url} is not intact, nothing was exported: first bad entry ${bad.seq ?? bad.key} (${bad.problem}): ${bad.detail}\n  remedy: run maestro ledger verify ${store.url} for every problem.\n`);
    return 1;
  }
  const events = exportEvents(chain.entries, since);
  const text = options.format === 'csv' ? renderCsv(events) : renderJsonl(events);
  if (options.out) await writeFileAtomic(options.out, text);
  else await printOut(text);
  return 0;
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
