import { MaestroError } from '../errors.js';
import { entryKey, type LedgerHead } from './build-entry.js';
import type { EntriesAt } from './check-seal.js';
import type { LedgerProblem, LedgerWitness, WitnessCheck } from './verification-types.js';

/** How a head is written where people and tools find it again: `Audit ledger head: 1234:<sha256>`. */
export const LEDGER_HEAD_LABEL = 'Audit ledger head:';

const HEAD_TEXT = /^(\d{1,12}):([0-9a-f]{64})$/;
const HEAD_LINE = /Audit ledger head:\s*`?(\d{1,12}):([0-9a-f]{64})`?/;

/** The line a check run's output carries: the head, as `--expect-head` takes it. */
export function formatLedgerHead(head: LedgerHead): string {
  return `${LEDGER_HEAD_LABEL} ${head.seq}:${head.sha256}`;
}

/** `--expect-head <seq>:<sha256>`, as a witness. */
export function parseExpectHead(text: string, source = '--expect-head'): LedgerWitness {
  const match = HEAD_TEXT.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new MaestroError('USAGE', `${source} '${text}' is not <seq>:<sha256>`, { remedy: 'write the head as a check run shows it: the entry number, a colon and the lower-case hex sha256 of that entry, such as 1234:9f86d08...' });
  return { seq: Number(match[1]), sha256: match[2]!, source };
}

/** The head in a text that carries an `Audit ledger head: <seq>:<sha256>` line (a check run's output), or undefined. */
export function findLedgerHead(text: string): LedgerHead | undefined {
  const match = HEAD_LINE.exec(text);
  return match && Number(match[1]) >= 1 ? { seq: Number(match[1]), sha256: match[2]! } : undefined;
}

/**
 * Holds the ledger against a head recorded outside it. The ledger must reach the witnessed entry,
 * and that entry must have the witnessed sha256: since each entry records the digest of the one
 * before, a match vouches for every entry up to it. A shorter ledger lost entries off the end; a
 * different digest means the entry, or one before it with the links after it recomputed, changed.
 * `at` holds the entries at the witnessed positions; `last` is the highest entry stored.
 */
export function checkWitness(witness: LedgerWitness, at: EntriesAt, last: number): { check: WitnessCheck; problem?: LedgerProblem } {
  const { seq, sha256, source } = witness;
  const fail = (detail: string, problem?: LedgerProblem) => ({ check: { ...witness, result: 'fail' as const, detail }, ...(problem ? { problem } : {}) });
  if (last < seq) {
    const ends = last === 0 ? 'has no entries' : `ends at entry ${last}`;
    const detail = `the ledger ${ends}, but ${source} witnessed entry ${seq} (sha256 ${sha256}): entries ${last + 1} to ${seq} were removed from the end`;
    return fail(detail, { seq: last + 1, key: entryKey(last + 1), problem: 'truncated', detail });
  }
  const entry = at.get(seq);
  if (!entry) return fail(`entry ${seq}, which ${source} witnessed, is missing or unreadable: it cannot be compared`);
  if (entry.sha256 !== sha256) {
    const detail = `${entry.key} has sha256 ${entry.sha256}, but ${source} witnessed ${sha256}: entry ${seq} was rewritten, or an entry before it with the links after it recomputed`;
    return fail(detail, { seq, key: entry.key, problem: 'changed', detail });
  }
  return { check: { ...witness, result: 'pass', detail: `entry ${seq} has the sha256 ${source} witnessed: entries 1 to ${seq} are as they were then` } };
}
