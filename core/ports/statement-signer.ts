import type { InTotoStatement } from '../result/in-toto-statement.js';

/** A Sigstore bundle in its JSON form, as it is written beside what it signs. */
export interface SigstoreBundleJson {
  mediaType: string;
}

/**
 * Signs what maestro attests (a release manifest's statement, a ledger seal): adapters/sigstore
 * implements it with a key file, or keyless with a Fulcio certificate and a Rekor entry.
 */
export interface StatementSigner {
  /**
   * The statement signed into a Sigstore bundle (a DSSE envelope over its JSON). A key that cannot
   * be used or a signing service that refuses is SIGNING_FAILED, with what to do next.
   */
  sign(statement: InTotoStatement): Promise<SigstoreBundleJson>;
}

/** How an audit ledger seals its head: with which signer, how often, and whom it tells when a seal fails. */
export interface LedgerSealing {
  /** Signs the seals; without it, sealing is refused. */
  signer?: StatementSigner;
  /** Seal the head after every this many entries (at seq 100, 200, ... for 100); needs `signer` and `onSealError`. */
  sealEvery?: number;
  /** Told when an automatic seal over entry `seq` fails; the append it followed is recorded all the same. */
  onSealError?: (error: unknown, seq: number) => void;
}
