import type { InTotoStatement } from '../../result/in-toto-statement.js';

/** The verification step that failed, as the attestation-verification schema names it. */
export type AttestationCheck = 'signature' | 'certificate' | 'tlog' | 'identity' | 'issuer' | 'subject' | 'bundle' | 'trust-root' | 'key' | 'timestamp' | 'predicate';

/** Build provenance read from a SLSA predicate. */
export interface Provenance {
  builder: string;
  sourceRepo: string;
  ref: string;
  workflow: string;
  commit?: string;
}

/** One artifact's outcome. */
export interface ArtifactResult {
  path: string;
  /** `sha256:<hex>` of the artifact's bytes. */
  digest: string;
  verified: boolean;
  identity?: string;
  issuer?: string;
  keyId?: string;
  predicateType?: string;
  bundle?: string;
  provenance?: Provenance;
  errors: { check: AttestationCheck; message: string }[];
}

/** What a valid attestation had to match. */
export interface AttestationPolicy {
  identity?: string;
  issuer?: string;
  key?: boolean;
  trustedRoot?: string;
  /** Required predicate type: a URI, `slsa` (SLSA provenance v0.2 or v1), or `any`. */
  predicateType?: string;
}

/** How unverified artifacts are set aside. */
export type QuarantineMode = 'move' | 'rename' | 'none';

/** The `data` of an attestation-verification report. */
export interface AttestationData {
  policy: AttestationPolicy;
  counts: { verified: number; unverified: number };
  artifacts: ArtifactResult[];
  quarantine: { mode: QuarantineMode; paths: string[] };
}

/** An artifact and the digests of its bytes by algorithm (`sha256`, `sha384`, `sha512`; lower-case hex). */
export interface HashedArtifact {
  path: string;
  digests: Record<string, string>;
}

/** The outcome of verifying one bundle: what it claims (read before verifying) and what verification found. */
export interface BundleOutcome {
  path: string;
  /** Subject digests the bundle claims, `alg:hex` (DSSE statements), or the signed digest of a message signature. */
  claims: string[];
  /** Subject names, for messages. */
  names: string[];
  /** Set when verification passed. */
  statement?: InTotoStatement;
  signer?: { identity?: string; issuer?: string; keyId?: string };
  /** Set when verification failed. */
  error?: { check: AttestationCheck; message: string };
}
