import { isMaestroError } from '../core/errors.js';
import { entryKey, MAX_ENTRY_BYTES, parseEntryKey, parseSealKey, sealKey } from '../core/ledger/build-entry.js';
import type { PositionedEntry } from '../core/ledger/chain-walk.js';
import { SeqSet } from '../core/ledger/seq-set.js';
import type { StoredEntry } from '../core/ledger/verify-chain.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';

/** Largest seal (a Sigstore bundle with a certificate chain is a few KiB). */
export const MAX_SEAL_BYTES = 1024 * 1024;
/** Entries read at once: their reads are in flight together (S3 latency), and checked together. */
const BATCH = 16;
/** Objects that are no entry or seal kept by name; beyond this they are counted. */
const MAX_UNEXPECTED = 1000;

/** The ledger's objects as stored: entries with every version, seal keys, and keys that belong to neither. */
export interface StoredLedger {
  entries: StoredEntry[];
  seals: Array<{ key: string; seq: number }>;
  unexpected: string[];
}

/** Reads every version of a small object: `store.versions`, or a leaner read an entry point passes in (adapters/store/entry-reader.ts), which may answer at once. */
export type VersionReader = (store: EvidenceStore, key: string, maxBytes: number) => StoredEntry['versions'] | Promise<StoredEntry['versions']>;

/** Where the ledger's objects are, from a listing read one key at a time: positions, not key strings. */
export interface LedgerKeys {
  entries: SeqSet;
  seals: number[];
  unexpected: string[];
  moreUnexpected: number;
}

/**
 * Reads every entry of the ledger below `entries/` and lists the seals below `seals/`, all in
 * memory (for small ledgers; `verifyLedgerStore` streams). Objects that are refused one by one
 * (symbolic links, oversized files) become unreadable versions naming the file, so verification
 * reports them in chain order; failures of the store itself (network, permissions) are thrown.
 */
export async function readLedger(store: EvidenceStore): Promise<StoredLedger> {
  const keys = await scanLedgerKeys(await store.list());
  const entries: StoredEntry[] = [];
  for await (const batch of readEntriesInOrder(store, keys.entries)) for (const item of batch) entries.push({ key: item.key, versions: item.versions });
  return { entries, seals: keys.seals.map((seq) => ({ key: sealKey(seq), seq })), unexpected: keys.unexpected };
}

/** Sorts a listing of the store (any order, one key at a time) into entry positions, seal positions and objects that are neither. */
export async function scanLedgerKeys(keys: AsyncIterable<string> | Iterable<string>): Promise<LedgerKeys> {
  const found: LedgerKeys = { entries: new SeqSet(), seals: [], unexpected: [], moreUnexpected: 0 };
  for await (const key of keys) {
    if (!key.startsWith('entries/') && !key.startsWith('seals/')) continue;
    const sealSeq = parseSealKey(key);
    const entrySeq = sealSeq === undefined ? parseEntryKey(key) : undefined;
    if (sealSeq !== undefined) found.seals.push(sealSeq);
    else if (entrySeq !== undefined) found.entries.add(entrySeq);
    else if (found.unexpected.length < MAX_UNEXPECTED) found.unexpected.push(key);
    else found.moreUnexpected++;
  }
  found.seals.sort((a, b) => a - b);
  found.unexpected.sort();
  return found;
}

/**
 * The entries at `positions`, every version of each, in ascending order, in batches: one batch
 * read (its reads in flight at once: on S3 each entry costs a listing and a GET, whose latency
 * dominates) while the one before is checked, never more held. A reader that answers at once (a
 * folder) costs no promise per entry.
 */
export async function* readEntriesInOrder(store: EvidenceStore, positions: Iterable<number>, reader: VersionReader = (s, key, max) => s.versions(key, max)): AsyncGenerator<PositionedEntry[]> {
  const next = positions[Symbol.iterator]();
  let done = false;
  const readBatch = (): Promise<PositionedEntry[]> | undefined => {
    const reads: Array<PositionedEntry | Promise<PositionedEntry>> = [];
    let waiting = false;
    while (reads.length < BATCH) {
      const step = next.next();
      if (step.done) {
        done = true;
        break;
      }
      const key = entryKey(step.value);
      const versions = readVersions(store, key, reader);
      waiting ||= versions instanceof Promise;
      reads.push(versions instanceof Promise ? versions.then((v) => ({ key, keySeq: step.value, versions: v })) : { key, keySeq: step.value, versions });
    }
    if (reads.length === 0) return undefined;
    const batch = waiting ? Promise.all(reads) : Promise.resolve(reads as PositionedEntry[]);
    // Awaited in order below; until then a failure must not count as unhandled.
    batch.catch(() => undefined);
    return batch;
  };
  let pending = readBatch();
  while (pending) {
    const batch = await pending;
    pending = done ? undefined : readBatch();
    yield batch;
  }
}

/** Reads one entry's versions; refusals of the object itself (a link, too large, not a file) become an unreadable version. */
function readVersions(store: EvidenceStore, key: string, reader: VersionReader): StoredEntry['versions'] | Promise<StoredEntry['versions']> {
  const unreadable = (error: unknown): StoredEntry['versions'] => {
    if (!isMaestroError(error) || !['FILE_TOO_LARGE', 'SYMLINK_REFUSED', 'NOT_A_FILE'].includes(error.code)) throw error;
    return [{ unreadable: `${error.message} (${error.code})` }];
  };
  try {
    const read = reader(store, key, MAX_ENTRY_BYTES);
    return read instanceof Promise ? read.catch(unreadable) : read;
  } catch (error) {
    return unreadable(error);
  }
}
