/** What went wrong at an entry; the first problem in chain order is the one a reader fixes first. */
export type LedgerProblemKind = 'changed' | 'removed' | 'reordered' | 'forked' | 'truncated' | 'bad-seal' | 'unreadable' | 'unexpected-object';

/** One finding that makes the ledger not intact. */
export interface LedgerProblem {
  /** The entry the problem is blamed on; undefined for objects that are no entry. */
  seq?: number;
  /** The stored object concerned. */
  key: string;
  problem: LedgerProblemKind;
  /** What was found and what it means, in a sentence. */
  detail: string;
}

/** The outcome of checking one seal. */
export interface SealCheck {
  key: string;
  seq: number;
  /** `unverified`: the seal matches the chain, but its signature was not checked (no key or identity given). */
  result: 'pass' | 'fail' | 'unverified';
  detail: string;
}

/** The result of `maestro ledger verify`, rendered as text, markdown or JSON. */
export interface LedgerVerification {
  location: string;
  /** True when the chain is intact and every seal holds (unverified seals and unsealed entries do not make it false). */
  ok: boolean;
  entries: number;
  head?: { seq: number; sha256: string };
  /** The first bad entry, in chain order: what a reader looks at first. */
  firstBad?: LedgerProblem;
  problems: LedgerProblem[];
  seals: SealCheck[];
  /** The highest entry a passing seal covers (0 when none). */
  sealedThrough: number;
  /** Entries after the last passing or unverified seal: not yet covered by a signature (not an error by itself). */
  unsealed: number;
  /** Things worth knowing that are not tampering (such as a lost concurrent append recorded as a later object version). */
  notes: string[];
}
