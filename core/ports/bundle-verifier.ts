import { MaestroError, type MaestroErrorOptions } from '../errors.js';
import type { InTotoStatement } from '../result/in-toto-statement.js';

/**
 * The port through which bundles are verified (adapters/sigstore implements it, offline): what to
 * check against what, what a verification says, and the error naming the check that failed.
 */

/** The check that failed, so a report can say which one without parsing messages. */
export type SignatureCheck = 'bundle' | 'trust-root' | 'key' | 'certificate' | 'timestamp' | 'transparency-log' | 'signature' | 'identity' | 'issuer';

/** A bundle that did not verify: `code` is `SIGNATURE_INVALID` or `BUNDLE_INVALID`, `check` names the failed check. */
export class SignatureInvalidError extends MaestroError {
  readonly check: SignatureCheck;

  constructor(check: SignatureCheck, message: string, options: MaestroErrorOptions = {}) {
    super(check === 'bundle' ? 'BUNDLE_INVALID' : check === 'trust-root' ? 'TRUST_ROOT_INVALID' : 'SIGNATURE_INVALID', message, options);
    this.check = check;
  }
}

/** Who must have signed. Certificate (keyless) bundles need an identity; key bundles need the key. */
export interface SignerPolicy {
  /** The certificate's subject alternative name: an exact string or a pattern (matched anywhere unless anchored, as cosign and gh do). */
  identity?: string | RegExp;
  /** The OIDC issuer recorded in the certificate (Fulcio extension 1.3.6.1.4.1.57264.1.1 or .8), exact. */
  issuer?: string;
  /** A PEM public key (SPKI) for bundles signed with a key rather than a certificate. */
  publicKeyPem?: string;
}

/** What to verify and against what. */
export interface VerifySigstoreBundleInput {
  /** The bundle as parsed JSON. */
  bundle: unknown;
  /** The bundle's file name, used in messages. */
  bundleFile: string;
  /** The signed bytes; required for message-signature bundles, unused for DSSE (the caller matches subjects). */
  artifact?: Buffer;
  /** A parsed `trusted_root.json`; the shipped Sigstore public-good root when absent. */
  trustedRoot?: unknown;
  /** Where `trustedRoot` came from, used in messages. */
  trustedRootFile?: string;
  policy: SignerPolicy;
  /** Minimum transparency log entries (default 1). 0 only for bundles from private, log-less signing. */
  tlogThreshold?: number;
}

/** One verified transparency log entry. */
export interface TlogEntryInfo {
  logIndex: string;
  /** The log's key id, base64, and its URL when the trusted root knows it. */
  logId: string;
  logUrl?: string;
  /** ISO 8601, from the entry's integrated time (when the log promised inclusion). */
  integratedTime?: string;
  kind: string;
  version: string;
  /** `proof`: a Merkle inclusion proof checked against a signed checkpoint; `promise`: a signed entry timestamp only. */
  inclusion: 'proof' | 'promise';
}

/** The signer of a verified bundle. */
export type SignerInfo = { type: 'certificate'; identity: string; issuer?: string } | { type: 'key'; /** `publicKeyId` of the key that verified. */ keyId: string; hint?: string };

/** The result of a successful verification. */
export interface SigstoreVerification {
  mediaType: string;
  content: 'dsse' | 'message-signature';
  signer: SignerInfo;
  /** DSSE payload type (`application/vnd.in-toto+json` for attestations). */
  payloadType?: string;
  /** The in-toto statement when the DSSE payload is one. */
  statement?: InTotoStatement;
  /** Message signatures: the signed digest, `sha256:<hex>`. */
  messageDigest?: string;
  tlogEntries: TlogEntryInfo[];
}

/** Verifies one Sigstore bundle; throws `SignatureInvalidError` naming the failed check and the remedy. */
export type VerifyBundle = (input: VerifySigstoreBundleInput) => SigstoreVerification;
