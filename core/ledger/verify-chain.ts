import { parseEntryKey } from './build-entry.js';
import { ChainWalk, unexpectedProblem } from './chain-walk.js';
import type { ChainEntry, StoredEntry } from './read-entry.js';
import type { LedgerProblem } from './verification-types.js';

export { readEntry, type ChainEntry, type StoredEntry, type StoredVersion } from './read-entry.js';

/** The chain as verified: the entries that read, the problems, and notes that are not problems. */
export interface ChainResult {
  entries: ChainEntry[];
  problems: LedgerProblem[];
  notes: string[];
}

/**
 * Verifies a chain held in memory (a small ledger, the app's restore at start): the same walk as
 * `verifyLedgerStore` streams over a store (see `ChainWalk`), over every entry at once.
 */
export function verifyChain(stored: StoredEntry[], unexpected: string[] = [], sealed: ReadonlySet<string> = new Set()): ChainResult {
  const sorted = stored.map((s) => ({ ...s, keySeq: parseEntryKey(s.key)! })).sort((a, b) => a.keySeq - b.keySeq);
  const walk = new ChainWalk({ last: sorted.at(-1)?.keySeq ?? 0, sealed });
  const entries: ChainEntry[] = [];
  for (const item of sorted) {
    const entry = walk.push(item);
    if (entry) entries.push(entry);
  }
  const asked = walk.questions();
  if (asked) for (const item of sorted) walk.answer(item, asked);
  const result = walk.finish();
  return { entries, problems: sortProblems([...unexpected.map(unexpectedProblem), ...result.problems]), notes: result.notes };
}

/** Orders problems by the entry they are blamed on; objects that are no entry come last. */
export function sortProblems(problems: LedgerProblem[]): LedgerProblem[] {
  return [...problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
}
