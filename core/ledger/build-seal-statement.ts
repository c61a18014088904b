import { entryKey, type LedgerHead } from './build-entry.js';

/** The predicate type of a ledger seal: ours, so a verifier can ask for exactly it. */
export const LEDGER_SEAL_PREDICATE_TYPE = 'urn:maestro-conductor:attestation:audit-ledger-seal:v1';

/** An in-toto v1 statement over the head of the ledger. */
export interface LedgerSealStatement {
  _type: 'https://in-toto.io/Statement/v1';
  subject: Array<{ name: string; digest: { sha256: string } }>;
  predicateType: typeof LEDGER_SEAL_PREDICATE_TYPE;
  predicate: { seq: number; sha256: string; sealedAt: string };
}

/**
 * The statement a seal signs: its one subject is the head entry's file by digest, and since every
 * entry records the digest of the one before, the signature covers the whole chain up to the head
 * (`cosign verify-blob-attestation entries/<seq>.json` checks it as any attestation).
 */
export function buildSealStatement(head: LedgerHead, sealedAt: string): LedgerSealStatement {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: entryKey(head.seq), digest: { sha256: head.sha256 } }],
    predicateType: LEDGER_SEAL_PREDICATE_TYPE,
    predicate: { seq: head.seq, sha256: head.sha256, sealedAt },
  };
}
