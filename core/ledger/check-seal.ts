import { entryKey } from './build-entry.js';
import { LEDGER_SEAL_PREDICATE_TYPE } from './build-seal-statement.js';
import type { ChainEntry } from './verify-chain.js';
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
}

/**
 * Checks one seal against the chain: it must sign our predicate over the entry at its position, with
 * the digest that entry has now. A seal beyond the last entry proves entries were cut off the end; a
 * digest that differs proves the sealed entry changed. Problems are returned beside the check.
 */
export function checkSeal(seal: ReadSeal, entries: Map<number, ChainEntry>, last: number): { check: SealCheck; problem?: LedgerProblem } {
  const fail = (problem: LedgerProblem['problem'], seq: number, detail: string) => ({ check: { key: seal.key, seq: seal.seq, result: 'fail' as const, detail }, problem: { seq, key: problem === 'bad-seal' ? seal.key : entryKey(seq), problem, detail } });
  if (seal.error || !seal.statement) return fail('bad-seal', seal.seq, `${seal.key} does not verify: ${seal.error ?? 'no statement'}`);
  const { predicateType, subject, predicate } = seal.statement;
  const claim = predicate as { seq?: unknown; sha256?: unknown } | undefined;
  const named = subject?.[0];
  if (predicateType !== LEDGER_SEAL_PREDICATE_TYPE || subject?.length !== 1 || named?.name !== entryKey(seal.seq) || claim?.seq !== seal.seq || claim.sha256 !== named.digest?.sha256) {
    return fail('bad-seal', seal.seq, `${seal.key} does not seal entry ${seal.seq} (it signs ${predicateType ?? 'no predicate'} over ${named?.name ?? 'nothing'}): it was replaced`);
  }
  const sealed = named.digest!.sha256!;
  if (seal.seq > last) return fail('truncated', last + 1, `${seal.key} seals entry ${seal.seq}, but the ledger ends at entry ${last}: entries ${last + 1} to ${seal.seq} were removed from the end`);
  const entry = entries.get(seal.seq);
  if (!entry) return { check: { key: seal.key, seq: seal.seq, result: 'fail', detail: `entry ${seal.seq} cannot be checked against ${seal.key}: it is missing or unreadable` } };
  if (entry.sha256 !== sealed) return fail('changed', seal.seq, `${entry.key} changed after it was sealed: its sha256 is ${entry.sha256}, ${seal.key} signed ${sealed}`);
  const by = seal.signer ? `signed by ${seal.signer}` : 'signature not checked (pass --key or --identity with --issuer)';
  return { check: { key: seal.key, seq: seal.seq, result: seal.signer ? 'pass' : 'unverified', detail: `seals entries 1 to ${seal.seq} (sha256 ${sealed}), ${by}` } };
}
