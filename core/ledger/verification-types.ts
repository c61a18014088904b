/** What went wrong at an entry; the first problem in chain order is the one a reader fixes first. */
export type LedgerProblemKind = 'changed' | 'removed' | 'reordered' | 'forked' | 'truncated' | 'bad-seal' | 'unsealed' | 'unreadable' | 'unexpected-object' | 'unlocked';

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

/** A head recorded outside the ledger store: a release bundle's manifest, a check run's output, or given by hand. */
export interface LedgerWitness {
  seq: number;
  sha256: string;
  /** Where the head was read, for messages: `release v1.2.0 (manifest.json of file:///...)`, `--expect-head`. */
  source: string;
}

/** The outcome of holding the ledger against one witnessed head. */
export interface WitnessCheck extends LedgerWitness {
  result: 'pass' | 'fail';
  detail: string;
}

/**
 * What the verification can vouch for: `intact` (the chain holds and its seals' signatures were
 * checked), `unverified` (the chain holds but no seal signature was checked: no key or identity
 * given), `tampered` (a problem was found).
 */
export type LedgerVerdict = 'intact' | 'unverified' | 'tampered';

/** The result of `maestro ledger verify`, rendered as text, markdown or JSON. */
export interface LedgerVerification {
  location: string;
  /**
   * True when nothing is wrong: no problem, and, when the caller asked for seals (`requireSeals`,
   * as `maestro ledger verify` does unless --no-seals), their signatures were checked.
   */
  ok: boolean;
  verdict: LedgerVerdict;
  /** True when seal signatures were checked against a key or an identity. */
  sealsVerified: boolean;
  entries: number;
  head?: { seq: number; sha256: string };
  /** The first bad entry, in chain order: what a reader looks at first. */
  firstBad?: LedgerProblem;
  /** The problems in chain order (at most 1,000 are kept; `moreProblems` counts the rest). */
  problems: LedgerProblem[];
  moreProblems?: number;
  seals: SealCheck[];
  /** The heads recorded outside the store that the ledger was held against. */
  witnesses: WitnessCheck[];
  /** The highest entry a passing seal covers (0 when none). */
  sealedThrough: number;
  /** Entries after the last passing or unverified seal: not yet covered by a signature (not an error by itself). */
  unsealed: number;
  /** Things worth knowing that are not tampering (such as a lost concurrent append recorded as a later object version). */
  notes: string[];
}
