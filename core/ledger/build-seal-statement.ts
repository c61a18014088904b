import { entryKey, type LedgerHead } from './build-entry.js';

/** The predicate type of a ledger seal: ours, so a verifier can ask for exactly it. */
export const LEDGER_SEAL_PREDICATE_TYPE = 'urn:maestro-conductor:attestation:audit-ledger-seal:v1';

/** The seal written before this one: its position and the sha256 of its stored file. */
export interface PreviousSeal {
  seq: number;
  sha256: string;
}

/** What a seal says besides the head: the seal before it, and the interval of periodic seals. */
export interface SealLinks {
  /** The newest seal already stored when this one was written; absent for the first seal. */
  previousSeal?: PreviousSeal;
  /** Set on periodic seals: the ledger is sealed at every multiple of this many entries. */
  sealEvery?: number;
}

/** An in-toto v1 statement over the head of the ledger. */
export interface LedgerSealStatement {
  _type: 'https://in-toto.io/Statement/v1';
  subject: Array<{ name: string; digest: { sha256: string } }>;
  predicateType: typeof LEDGER_SEAL_PREDICATE_TYPE;
  predicate: { seq: number; sha256: string; sealedAt: string } & SealLinks;
}

/**
 * The statement a seal signs: its one subject is the head entry's file by digest, and since every
 * entry records the digest of the one before, the signature covers the whole chain up to the head
 * (`cosign verify-blob-attestation entries/<seq>.json` checks it as any attestation). Seals form a
 * chain of their own: each names the seal before it, so a deleted seal is named by the next one,
 * and a periodic seal says its interval, so a missing newest seal shows once entries pass it.
 */
export function buildSealStatement(head: LedgerHead, sealedAt: string, links: SealLinks = {}): LedgerSealStatement {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: entryKey(head.seq), digest: { sha256: head.sha256 } }],
    predicateType: LEDGER_SEAL_PREDICATE_TYPE,
    predicate: {
      seq: head.seq,
      sha256: head.sha256,
      sealedAt,
      ...(links.previousSeal ? { previousSeal: { seq: links.previousSeal.seq, sha256: links.previousSeal.sha256 } } : {}),
      ...(links.sealEvery ? { sealEvery: links.sealEvery } : {}),
    },
  };
}
