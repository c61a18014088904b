import { isMaestroError } from '../errors.js';
import { MAX_ENTRY_BYTES, parseEntryKey, parseSealKey } from '../ledger/build-entry.js';
import type { StoredEntry } from '../ledger/verify-chain.js';
import type { EvidenceStore } from './store/evidence-store.js';

/** Largest seal (a Sigstore bundle with a certificate chain is a few KiB). */
export const MAX_SEAL_BYTES = 1024 * 1024;

/** The ledger's objects as stored: entries with every version, seal keys, and keys that belong to neither. */
export interface StoredLedger {
  entries: StoredEntry[];
  seals: Array<{ key: string; seq: number }>;
  unexpected: string[];
}

/**
 * Reads every entry of the ledger below `entries/` and lists the seals below `seals/`. Objects that
 * are refused one by one (symbolic links, oversized files) become unreadable versions naming the
 * file, so verification reports them in chain order; failures of the store itself (network,
 * permissions) are thrown.
 */
export async function readLedger(store: EvidenceStore): Promise<StoredLedger> {
  const keys = (await store.list()).filter((key) => key.startsWith('entries/') || key.startsWith('seals/'));
  const ledger: StoredLedger = { entries: [], seals: [], unexpected: [] };
  for (const key of keys) {
    const entrySeq = parseEntryKey(key);
    const sealSeq = parseSealKey(key);
    if (sealSeq !== undefined) ledger.seals.push({ key, seq: sealSeq });
    else if (entrySeq === undefined) ledger.unexpected.push(key);
    else ledger.entries.push({ key, versions: await readVersions(store, key) });
  }
  return ledger;
}

async function readVersions(store: EvidenceStore, key: string): Promise<StoredEntry['versions']> {
  try {
    return await store.versions(key, MAX_ENTRY_BYTES);
  } catch (error) {
    if (!isMaestroError(error) || !['FILE_TOO_LARGE', 'SYMLINK_REFUSED', 'NOT_A_FILE'].includes(error.code)) throw error;
    return [{ unreadable: `${error.message} (${error.code})` }];
  }
}
