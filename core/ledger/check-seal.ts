import { entryKey, sealKey } from './build-entry.js';
import { LEDGER_SEAL_PREDICATE_TYPE } from './build-seal-statement.js';
import type { LedgerProblem, SealCheck } from './verification-types.js';

/** A seal as read from the store: the statement it signs (verified or only decoded) and who signed it. */
export interface ReadSeal {
  key: string;
  seq: number;
  /** The signed statement; undefined when the seal did not verify or decode. */
  statement?: { predicateType?: string; subject?: Array<{ name?: string; digest?: Record<string, string> }>; predicate?: unknown };
  /** Who signed, when the signature was verified. */
  signer?: string;
  /** Why the seal is not valid: bad signature, wrong signer, not a bundle. */
  error?: string;
  /** The sha256 of the seal's stored file, which the next seal names. */
  fileSha256?: string;
}

/** The entries seals are held against, by position: the key and the sha256 of its stored bytes. */
export type EntriesAt = ReadonlyMap<number, { key: string; sha256: string }>;

/**
 * Checks one seal against the chain: it must sign our predicate over the entry at its position, with
 * the digest that entry has now. A seal beyond the last entry proves entries were cut off the end; a
 * digest that differs proves the sealed entry changed (or an entry before it, with the links after it
 * recomputed). Problems are returned beside the check.
 */
export function checkSeal(seal: ReadSeal, entries: EntriesAt, last: number): { check: SealCheck; problem?: LedgerProblem } {
  const fail = (problem: LedgerProblem['problem'], seq: number, detail: string) => ({ check: { key: seal.key, seq: seal.seq, result: 'fail' as const, detail }, problem: { seq, key: problem === 'bad-seal' ? seal.key : entryKey(seq), problem, detail } });
  if (seal.error || !seal.statement) return fail('bad-seal', seal.seq, `${seal.key} does not verify: ${seal.error ?? 'no statement'}`);
  const { predicateType, subject, predicate } = seal.statement;
  const claim = predicate as { seq?: unknown; sha256?: unknown } | undefined;
  const named = subject?.[0];
  if (predicateType !== LEDGER_SEAL_PREDICATE_TYPE || subject?.length !== 1 || named?.name !== entryKey(seal.seq) || claim?.seq !== seal.seq || claim.sha256 !== named.digest?.sha256) {
    return fail('bad-seal', seal.seq, `${seal.key} does not seal entry ${seal.seq} (it signs ${predicateType ?? 'no predicate'} over ${named?.name ?? 'nothing'}): it was replaced`);
  }
  const sealed = named.digest!.sha256!;
  if (seal.seq > last) return fail('truncated', last + 1, `${seal.key} seals entry ${seal.seq}, but the ledger ends at ${last === 0 ? 'no entry' : `entry ${last}`}: entries ${last + 1} to ${seal.seq} were removed from the end`);
  const entry = entries.get(seal.seq);
  if (!entry) return { check: { key: seal.key, seq: seal.seq, result: 'fail', detail: `entry ${seal.seq} cannot be checked against ${seal.key}: it is missing or unreadable` } };
  if (entry.sha256 !== sealed) return fail('changed', seal.seq, `${entry.key} changed after it was sealed: its sha256 is ${entry.sha256}, ${seal.key} signed ${sealed} (entry ${seal.seq} was rewritten, or an entry before it with the links after it recomputed)`);
  const by = seal.signer ? `signed by ${seal.signer}` : 'signature not checked (pass --key or --identity with --issuer)';
  return { check: { key: seal.key, seq: seal.seq, result: seal.signer ? 'pass' : 'unverified', detail: `seals entries 1 to ${seal.seq} (sha256 ${sealed}), ${by}` } };
}

/**
 * Checks the seals as a chain of their own: each seal names the seal before it (by position and the
 * sha256 of its file), so a deleted or replaced seal is named by the one after it; and the newest
 * periodic seal says the interval, so once entries pass the next multiple, that seal must be there
 * (or a later one). Only seals that verified (or decoded, without a key) are believed.
 */
export function checkSealChain(seals: ReadSeal[], last: number): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const valid = seals.filter((s) => !s.error && s.statement).sort((a, b) => a.seq - b.seq);
  const stored = new Map(seals.map((s) => [s.seq, s]));
  for (const seal of valid) {
    const previous = linkOf(seal);
    if (!previous || previous.seq >= seal.seq) continue;
    const found = stored.get(previous.seq);
    if (!found) problems.push({ seq: previous.seq, key: sealKey(previous.seq), problem: 'removed', detail: `${sealKey(previous.seq)} is missing: ${seal.key} names it as the seal before it (sha256 ${previous.sha256}): the seal over entry ${previous.seq} was deleted` });
    else if (found.fileSha256 !== previous.sha256) problems.push({ seq: previous.seq, key: found.key, problem: 'bad-seal', detail: `${found.key} was replaced: ${seal.key} names the seal before it with sha256 ${previous.sha256}, the stored file has ${found.fileSha256 ?? 'no readable bytes'}` });
  }
  const periodic = valid.filter((s) => intervalOf(s) !== undefined).at(-1);
  if (periodic) {
    const every = intervalOf(periodic)!;
    const next = (Math.floor(periodic.seq / every) + 1) * every;
    const newest = valid.at(-1)!.seq;
    if (last >= next && newest < next && !stored.has(next)) {
      problems.push({ seq: next, key: sealKey(next), problem: 'unsealed', detail: `${sealKey(next)} is missing: ${periodic.key} says the ledger is sealed every ${every} entries, and entry ${next} exists: the seal was deleted, or writing it failed (maestro ledger seal writes one over the head)` });
    }
  }
  return problems;
}

function linkOf(seal: ReadSeal): { seq: number; sha256: string } | undefined {
  const previous = (seal.statement?.predicate as { previousSeal?: { seq?: unknown; sha256?: unknown } } | undefined)?.previousSeal;
  return previous && Number.isSafeInteger(previous.seq) && typeof previous.sha256 === 'string' && /^[0-9a-f]{64}$/.test(previous.sha256) ? { seq: previous.seq as number, sha256: previous.sha256 } : undefined;
}

function intervalOf(seal: ReadSeal): number | undefined {
  const every = (seal.statement?.predicate as { sealEvery?: unknown } | undefined)?.sealEvery;
  return typeof every === 'number' && Number.isSafeInteger(every) && every > 0 ? every : undefined;
}
