import type { AuditEvent } from '../core/ledger/types.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { LedgerSealing } from '../core/ports/statement-signer.js';
import type { BuiltBundle } from './build-bundle.js';
import { openLedger } from './open-ledger.js';

/** Where an act was recorded. */
export interface LedgerRecord {
  url: string;
  seq: number;
  sha256: string;
}

/** How an act is recorded: the ledger's seal settings, and who did it. */
export interface RecordOptions extends LedgerSealing {
  /** The person who ran the workflow (GITHUB_ACTOR); `maestro[bot]` when absent or not a GitHub login. */
  actor?: string;
}

/**
 * Appends one act of a command (a published bundle, a finished drill) to the ledger kept in `store`,
 * sealing as `options` say, in the name of the person who ran it.
 */
export async function recordInLedger(store: EvidenceStore, event: Omit<AuditEvent, 'actor' | 'at'> & { at?: string }, options: RecordOptions = {}): Promise<LedgerRecord> {
  const { actor: given, ...sealing } = options;
  const ledger = await openLedger(store, sealing);
  const actor = given && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/.test(given) ? given : 'maestro[bot]';
  const written = await ledger.append({ ...event, actor, at: event.at ?? new Date().toISOString() });
  return { url: ledger.url, ...written };
}

/** Records a built (and maybe published) release bundle as a bundle.published act. */
export async function recordBundleInLedger(store: EvidenceStore, built: BuiltBundle, options: RecordOptions = {}): Promise<LedgerRecord> {
  const d = built.manifest.data;
  return recordInLedger(
    store,
    {
      action: 'bundle.published',
      repo: built.manifest.subject.repo,
      sha: d.commit,
      after: { release: d.release, manifestSha256: built.manifestSha256, signed: built.signed, artifacts: d.artifacts.length, previous: d.previous, store: built.published?.url ?? null },
    },
    options,
  );
}
