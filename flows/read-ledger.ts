import { isMaestroError } from '../core/errors.js';
import { MAX_ENTRY_BYTES, parseEntryKey, parseSealKey } from '../core/ledger/build-entry.js';
import type { StoredEntry } from '../core/ledger/verify-chain.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';

/** Largest seal (a Sigstore bundle with a certificate chain is a few KiB). */
export const MAX_SEAL_BYTES = 1024 * 1024;
const READ_CONCURRENCY = 16;

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
  const entryKeys: string[] = [];
  for (const key of keys) {
    const sealSeq = parseSealKey(key);
    if (sealSeq !== undefined) ledger.seals.push({ key, seq: sealSeq });
    else if (parseEntryKey(key) === undefined) ledger.unexpected.push(key);
    else entryKeys.push(key);
  }
  // A few reads in flight at once: on S3 each entry costs a listing and a GET, whose latency dominates.
  let next = 0;
  const read = async (): Promise<void> => {
    while (next < entryKeys.length) {
      const key = entryKeys[next++]!;
      ledger.entries.push({ key, versions: await readVersions(store, key) });
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, read));
  ledger.entries.sort((a, b) => (a.key < b.key ? -1 : 1));
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
