import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot, type TransparencyLogEntry } from '@sigstore/protobuf-specs';
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' };
import { PolicyError, toSignedEntity, toTrustMaterial, VerificationError, Verifier, type Signer, type TrustMaterial } from '@sigstore/verify';
import { SignatureInvalidError, type SignatureCheck, type SignerInfo, type SignerPolicy, type SigstoreVerification, type TlogEntryInfo, type VerifySigstoreBundleInput } from '../../core/ports/bundle-verifier.js';
import type { InTotoStatement } from '../../core/result/in-toto-statement.js';

/**
 * The one place that verifies Sigstore bundles. Verification never touches the network: the trust
 * material is the trusted root given (a `trusted_root.json` fetched and pinned elsewhere) or, by
 * default, the Sigstore public-good trusted root shipped inside the `sigstore` library's TUF seeds.
 * The cryptography (signature, certificate chain to a trusted CA, SCTs, transparency log inclusion,
 * signing time within the certificate and trust-root validity) is the `sigstore` library's; the
 * identity policy is checked here so that a wrong identity and a wrong issuer say which one failed.
 */

const SUPPORTED_MEDIA_TYPES = ['application/vnd.dev.sigstore.bundle+json;version=0.1', 'application/vnd.dev.sigstore.bundle+json;version=0.2', 'application/vnd.dev.sigstore.bundle+json;version=0.3', 'application/vnd.dev.sigstore.bundle.v0.3+json'];
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const SHIPPED_ROOT_NAME = 'the Sigstore public-good trusted root shipped with the sigstore library';

let shippedRoot: TrustedRoot | undefined;
// Trust material is built once per root and key: parsing its certificates and keys costs more than verifying one bundle.
const parsedRoots = new WeakMap<object, TrustedRoot>();
const trustCache = new WeakMap<TrustedRoot, Map<string, TrustMaterial>>();

/** Verifies one Sigstore bundle; throws `SignatureInvalidError` naming the failed check and the remedy. */
export function verifySigstoreBundle(input: VerifySigstoreBundleInput): SigstoreVerification {
  const bundle = parseBundle(input.bundle, input.bundleFile);
  const rootName = input.trustedRootFile ?? SHIPPED_ROOT_NAME;
  const root = input.trustedRoot === undefined ? loadShippedRoot() : givenRoot(input.trustedRoot, rootName);
  const keyed = bundle.verificationMaterial.content.$case === 'publicKey';
  const publicKey = keyed ? requireKey(input, bundle) : undefined;
  if (!keyed && input.policy.identity === undefined) {
    throw new SignatureInvalidError('identity', `${input.bundleFile} is signed with a certificate (keyless) but no identity policy was given`, { file: input.bundleFile, remedy: 'pass the expected signer identity (the workflow URI or e-mail in the certificate) and its OIDC issuer.' });
  }
  const content = bundle.content;
  if (content.$case === 'messageSignature' && input.artifact === undefined) {
    throw new SignatureInvalidError('signature', `${input.bundleFile} signs an artifact's digest (message signature) but no artifact was given`, { file: input.bundleFile, remedy: 'pass the artifact the bundle signs.' });
  }
  const trust = trustFor(root, publicKey, input.policy.publicKeyPem, rootName);
  let signer: Signer;
  try {
    const entity = toSignedEntity(bundle, input.artifact);
    const threshold = input.tlogThreshold ?? 1;
    signer = new Verifier(trust, { tlogThreshold: threshold, timestampThreshold: threshold === 0 ? 0 : 1 }).verify(entity);
  } catch (cause) {
    throw toSignatureError(cause, input.bundleFile, rootName);
  }
  const signerInfo = keyed ? keySigner(publicKey as KeyObject, bundle) : checkIdentity(signer, input.policy, input.bundleFile);
  return {
    mediaType: bundle.mediaType,
    ...describeContent(bundle, input.bundleFile),
    signer: signerInfo,
    tlogEntries: bundle.verificationMaterial.tlogEntries.map((entry) => describeTlogEntry(entry, trust)),
  };
}

/**
 * A public key's fingerprint: `SHA256:` and the unpadded base64 SHA-256 of its SPKI DER, computed from
 * the key itself. The bundle's hint is reported beside it: hints are free text (npm's are not this digest).
 */
export function publicKeyId(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

function parseBundle(json: unknown, file: string): Bundle {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SignatureInvalidError('bundle', `${file} is not a Sigstore bundle (expected a JSON object)`, { file, remedy: 'pass the .sigstore.json bundle the signer produced.' });
  }
  const mediaType = (json as { mediaType?: unknown }).mediaType;
  if (typeof mediaType !== 'string' || !SUPPORTED_MEDIA_TYPES.includes(mediaType)) {
    throw new SignatureInvalidError('bundle', `${file} has media type ${JSON.stringify(mediaType ?? null)}, which is not a Sigstore bundle version this verifier knows (${SUPPORTED_MEDIA_TYPES.join(', ')})`, {
      file,
      pointer: '/mediaType',
      remedy: 'pass a Sigstore bundle v0.1 to v0.3; for a newer format, upgrade Maestro.',
    });
  }
  try {
    return bundleFromJSON(json);
  } catch (cause) {
    const fields = (cause as { fields?: string[] }).fields;
    throw new SignatureInvalidError('bundle', `${file} is a malformed Sigstore bundle${fields?.length ? ` (invalid: ${fields.join(', ')})` : ''}: ${(cause as Error).message}`, { file, remedy: 'pass the bundle exactly as the signer wrote it.', cause });
  }
}

function loadShippedRoot(): TrustedRoot {
  if (shippedRoot) return shippedRoot;
  const target = seeds['https://tuf-repo-cdn.sigstore.dev'].targets['trusted_root.json'];
  shippedRoot = parseTrustedRoot(JSON.parse(Buffer.from(target, 'base64').toString('utf8')), SHIPPED_ROOT_NAME);
  return shippedRoot;
}

function parseTrustedRoot(json: unknown, name: string): TrustedRoot {
  const ok = typeof json === 'object' && json !== null && typeof (json as { mediaType?: unknown }).mediaType === 'string' && String((json as { mediaType: string }).mediaType).startsWith('application/vnd.dev.sigstore.trustedroot');
  if (!ok) throw new SignatureInvalidError('trust-root', `${name} is not a Sigstore trusted root (its mediaType must be application/vnd.dev.sigstore.trustedroot+json)`, { file: name, pointer: '/mediaType', remedy: 'pass a trusted_root.json as the Sigstore TUF repository serves it (for example from `sigstore` or `cosign trusted-root`).' });
  try {
    return TrustedRoot.fromJSON(json);
  } catch (cause) {
    throw new SignatureInvalidError('trust-root', `${name} is a malformed Sigstore trusted root: ${(cause as Error).message}`, { file: name, remedy: 'pass the trusted_root.json unchanged.', cause });
  }
}

function givenRoot(json: unknown, name: string): TrustedRoot {
  if (typeof json !== 'object' || json === null) return parseTrustedRoot(json, name);
  const cached = parsedRoots.get(json);
  if (cached) return cached;
  const root = parseTrustedRoot(json, name);
  parsedRoots.set(json, root);
  return root;
}

function trustFor(root: TrustedRoot, key: KeyObject | undefined, keyPem: string | undefined, rootName: string): TrustMaterial {
  const byKey = trustCache.get(root) ?? new Map<string, TrustMaterial>();
  trustCache.set(root, byKey);
  const id = key ? (keyPem ?? '') : '';
  const cached = byKey.get(id);
  if (cached) return cached;
  const trust = toTrust(root, key, rootName);
  byKey.set(id, trust);
  return trust;
}

function requireKey(input: VerifySigstoreBundleInput, bundle: Bundle): KeyObject {
  const hint = bundle.verificationMaterial.content.$case === 'publicKey' ? bundle.verificationMaterial.content.publicKey.hint : '';
  if (input.policy.publicKeyPem === undefined) {
    throw new SignatureInvalidError('key', `${input.bundleFile} is signed with a key${hint ? ` (hint ${hint})` : ''} but no public key was given`, { file: input.bundleFile, remedy: 'pass the signer\'s PEM public key.' });
  }
  try {
    return createPublicKey(input.policy.publicKeyPem);
  } catch (cause) {
    throw new SignatureInvalidError('key', `the public key given for ${input.bundleFile} is not a PEM public key: ${(cause as Error).message}`, { file: input.bundleFile, remedy: 'pass a PEM file starting with -----BEGIN PUBLIC KEY-----.', cause });
  }
}

function toTrust(root: TrustedRoot, key: KeyObject | undefined, rootName: string): TrustMaterial {
  try {
    // The given key is trusted whatever the bundle's hint: hints are not authenticated, the signature check is.
    return toTrustMaterial(root, () => {
      if (!key) throw new VerificationError({ code: 'PUBLIC_KEY_ERROR', message: 'no public key given' });
      return { publicKey: key, validFor: () => true };
    });
  } catch (cause) {
    throw new SignatureInvalidError('trust-root', `${rootName} holds a key or certificate that cannot be read: ${(cause as Error).message}`, { file: rootName, remedy: 'pass the trusted_root.json unchanged.', cause });
  }
}

const CHECK_BY_CODE: Record<string, { check: SignatureCheck; what: string; remedy: string }> = {
  SIGNATURE_ERROR: { check: 'signature', what: 'the signature does not match the signed content: the artifact, the payload or the signature was altered', remedy: 'rebuild or re-download the artifact and its bundle from the publisher; do not ship this artifact.' },
  CERTIFICATE_ERROR: { check: 'certificate', what: 'the signing certificate does not chain to a certificate authority of the trusted root valid at signing time', remedy: 'check that the trusted root is current and is the one the signer used (public-good or private Sigstore); an expired or unknown root cannot vouch for this signer.' },
  PUBLIC_KEY_ERROR: { check: 'key', what: 'the bundle names a key the verifier was not given', remedy: 'pass the signer\'s public key.' },
  TIMESTAMP_ERROR: { check: 'timestamp', what: 'the signing time could not be established from a trusted timestamp or log entry', remedy: 'check the bundle carries its transparency log entry or RFC 3161 timestamp and the trusted root holds that authority.' },
  TLOG_ERROR: { check: 'transparency-log', what: 'the transparency log entries are missing or not from a log of the trusted root', remedy: 'check the trusted root lists the log the signer used; a bundle without a log entry cannot be verified here.' },
  TLOG_INCLUSION_PROOF_ERROR: { check: 'transparency-log', what: 'the transparency log inclusion proof does not verify', remedy: 'the bundle was altered or the log is not trusted: re-download the bundle from the publisher.' },
  TLOG_INCLUSION_PROMISE_ERROR: { check: 'transparency-log', what: 'the transparency log\'s signed entry timestamp does not verify', remedy: 'the bundle was altered or the log is not trusted: re-download the bundle from the publisher.' },
  TLOG_MISSING_INCLUSION_ERROR: { check: 'transparency-log', what: 'the transparency log entry has neither inclusion proof nor promise', remedy: 're-download the complete bundle from the publisher.' },
  TLOG_BODY_ERROR: { check: 'transparency-log', what: 'the transparency log entry records different content from the bundle\'s signature', remedy: 'the bundle was altered: re-download it from the publisher; do not ship this artifact.' },
};

function toSignatureError(cause: unknown, file: string, rootName: string): SignatureInvalidError {
  if (cause instanceof VerificationError) {
    const known = CHECK_BY_CODE[cause.code] ?? { check: 'signature' as const, what: 'verification failed', remedy: 'check the bundle and trusted root.' };
    return new SignatureInvalidError(known.check, `${file}: ${known.check} check failed: ${known.what} (${cause.message}; trusted root: ${rootName})`, { file, remedy: known.remedy, cause });
  }
  if (cause instanceof PolicyError) return new SignatureInvalidError('identity', `${file}: identity check failed: ${cause.message}`, { file, remedy: 'check the expected identity and issuer.', cause });
  const message = cause instanceof Error ? cause.message : String(cause);
  // Decoding errors surface from toSignedEntity (bad certificate DER, bad base64 in a signature).
  return new SignatureInvalidError('bundle', `${file} cannot be verified: ${message}`, { file, remedy: 'pass the bundle exactly as the signer wrote it.', cause });
}

function checkIdentity(signer: Signer, policy: SignerPolicy, file: string): SignerInfo {
  const identity = signer.identity?.subjectAlternativeName ?? '';
  const issuer = signer.identity?.extensions?.issuer;
  const wanted = policy.identity as string | RegExp;
  const matches = typeof wanted === 'string' ? identity === wanted : wanted.test(identity);
  if (!matches) {
    throw new SignatureInvalidError('identity', `${file}: identity check failed: the certificate was issued to ${JSON.stringify(identity)}, the policy wants ${typeof wanted === 'string' ? JSON.stringify(wanted) : `a match of ${String(wanted)}`}`, {
      file,
      remedy: 'check the expected identity (for GitHub Actions: https://github.com/OWNER/REPO/.github/workflows/FILE@REF); if the signer is right, update the policy.',
    });
  }
  if (policy.issuer !== undefined && issuer !== policy.issuer) {
    throw new SignatureInvalidError('issuer', `${file}: issuer check failed: the certificate's OIDC issuer is ${JSON.stringify(issuer ?? null)}, the policy wants ${JSON.stringify(policy.issuer)}`, {
      file,
      remedy: 'check the expected issuer (GitHub Actions: https://token.actions.githubusercontent.com).',
    });
  }
  return issuer === undefined ? { type: 'certificate', identity } : { type: 'certificate', identity, issuer };
}

function keySigner(key: KeyObject, bundle: Bundle): SignerInfo {
  const material = bundle.verificationMaterial.content;
  const hint = material.$case === 'publicKey' ? material.publicKey.hint : '';
  return hint ? { type: 'key', keyId: publicKeyId(key), hint } : { type: 'key', keyId: publicKeyId(key) };
}

function describeContent(bundle: Bundle, file: string): Pick<SigstoreVerification, 'content' | 'payloadType' | 'statement' | 'messageDigest'> {
  const content = bundle.content;
  if (content.$case === 'messageSignature') {
    const digest = content.messageSignature.messageDigest;
    return { content: 'message-signature', ...(digest ? { messageDigest: `sha256:${Buffer.from(digest.digest).toString('hex')}` } : {}) };
  }
  const { payloadType, payload } = content.dsseEnvelope;
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) return { content: 'dsse', payloadType };
  return { content: 'dsse', payloadType, statement: parseStatement(payload, file) };
}

function parseStatement(payload: Buffer, file: string): InTotoStatement {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch (cause) {
    throw new SignatureInvalidError('bundle', `${file}: the signed in-toto payload is not JSON`, { file, pointer: '/dsseEnvelope/payload', remedy: 'the signer produced a broken attestation; ask the publisher for a correct one.', cause });
  }
  const statement = value as Partial<InTotoStatement>;
  const subjectsOk = Array.isArray(statement.subject) && statement.subject.every((s) => typeof s === 'object' && s !== null && typeof s.digest === 'object' && s.digest !== null);
  if (typeof statement._type !== 'string' || typeof statement.predicateType !== 'string' || !subjectsOk) {
    throw new SignatureInvalidError('bundle', `${file}: the signed payload is not an in-toto statement (it needs _type, subject[] with digests and predicateType)`, { file, pointer: '/dsseEnvelope/payload', remedy: 'the signer produced a broken attestation; ask the publisher for a correct one.' });
  }
  return statement as InTotoStatement;
}

function describeTlogEntry(entry: TransparencyLogEntry, trust: TrustMaterial): TlogEntryInfo {
  const keyId = Buffer.from(entry.logId?.keyId ?? []);
  const logId = keyId.toString('base64');
  const log = trust.tlogs.find((t) => t.logID.equals(keyId));
  const seconds = Number(entry.integratedTime);
  return {
    logIndex: entry.logIndex,
    logId,
    ...(log ? { logUrl: log.baseURL } : {}),
    ...(seconds > 0 ? { integratedTime: new Date(seconds * 1000).toISOString() } : {}),
    kind: entry.kindVersion?.kind ?? '',
    version: entry.kindVersion?.version ?? '',
    inclusion: entry.inclusionProof ? 'proof' : 'promise',
  };
}
