import { EVIDENCE_PREDICATE_TYPE, type EvidencePredicate } from '../core/bundle/build-statement.js';
import { predicateDifferences } from '../core/bundle/check-manifest-contents.js';
import { diagnoseEnvelope, publicKeyFingerprint } from '../core/bundle/diagnose-signature.js';
import type { VerificationCheck } from '../core/bundle/render-verification.js';
import { MANIFEST_FILE, SIGNATURE_FILE, type EvidenceManifest } from '../core/bundle/types.js';
import { isMaestroError } from '../core/errors.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import { SignatureInvalidError, type VerifyBundle } from '../core/ports/bundle-verifier.js';
import type { EvidenceStore, StoredObject } from '../core/ports/evidence-store.js';
import type { InputFiles } from '../core/ports/input-files.js';

const MAX_SIGNATURE_BYTES = 16 * 1024 * 1024;
const MAX_TRUSTED_ROOT_BYTES = 16 * 1024 * 1024;

/** Whom the signature must be by, as `maestro verify` takes it. */
export interface SignerTrust {
  identity?: string;
  issuer?: string;
  keyFile?: string;
  trustedRootFile?: string;
  allowUnsigned?: boolean;
}

/**
 * The signature check: manifest.sigstore.json verifies, by the signer asked for, over an evidence
 * attestation whose subject is exactly these manifest bytes. When it signs other bytes, the fields
 * its statement repeats (release, commit, previous, artifact count, repo, createdAt) name what
 * changed. The signature object joins `own` (its lock is checked) on a locking store.
 */
export async function checkSignature(store: EvidenceStore, manifest: EvidenceManifest, manifestSha256: string, trust: SignerTrust, io: { inputFiles: InputFiles; verify: VerifyBundle }, own: StoredObject[]): Promise<VerificationCheck> {
  const fail = (detail: string): VerificationCheck => ({ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail });
  const bytes = await store.read(SIGNATURE_FILE, MAX_SIGNATURE_BYTES);
  if (!bytes) {
    if (manifest.data.signature) return fail('the manifest says the bundle is signed, but the signature file is missing');
    return trust.allowUnsigned ? { check: 'signature', subject: SIGNATURE_FILE, result: 'pass', detail: 'the bundle is not signed (accepted with --allow-unsigned)' } : fail('the bundle is not signed');
  }
  if (store.locking) own.push((await store.inspect(SIGNATURE_FILE))!);
  if (!trust.keyFile && !trust.identity) return fail('no signer to check against: pass --key <public key> or --identity <certificate identity> with --issuer');
  const parsed = parseJsonText(bytes);
  if (!parsed.ok) return fail(`not a Sigstore bundle: ${parsed.message}`);
  const trustedRoot = trust.trustedRootFile ? await io.inputFiles.readJson(trust.trustedRootFile, 'trusted root', MAX_TRUSTED_ROOT_BYTES) : undefined;
  const publicKeyPem = trust.keyFile ? (await io.inputFiles.read(trust.keyFile, 'public key', 64 * 1024)).toString('utf8') : undefined;
  const unsigned = manifest.data.signature ? [] : [`the manifest lists no signature, yet ${SIGNATURE_FILE} is there: the signature entry was removed`];
  try {
    const verified = io.verify({
      bundle: parsed.value,
      bundleFile: SIGNATURE_FILE,
      trustedRoot,
      trustedRootFile: trust.trustedRootFile,
      policy: publicKeyPem !== undefined ? { publicKeyPem } : { identity: toIdentity(trust.identity!), issuer: trust.issuer },
      tlogThreshold: trust.keyFile ? 0 : 1,
    });
    const statement = verified.statement;
    if (statement?.predicateType !== EVIDENCE_PREDICATE_TYPE) return fail(`signs a ${statement?.predicateType ?? 'non-in-toto'} statement, not a release evidence attestation (${EVIDENCE_PREDICATE_TYPE})`);
    const subject = statement.subject.find((s) => s.name === MANIFEST_FILE) ?? statement.subject[0];
    const predicate = statement.predicate !== null && typeof statement.predicate === 'object' ? (statement.predicate as Partial<EvidencePredicate>) : undefined;
    const differences = [...predicateDifferences(predicate, manifest), ...unsigned];
    const named = differences.length > 0 ? ` (${differences.join('; ')})` : '';
    if (subject?.digest.sha256 !== manifestSha256) {
      const signed = subject?.digest.sha256 ?? 'none';
      if (predicate?.release && predicate.release !== manifest.data.release) {
        return fail(`signs the manifest of release ${predicate.release} (sha256 ${signed}), not this manifest.json of release ${manifest.data.release} (sha256 ${manifestSha256}): the signature of another release, or a manifest whose release was changed${named}`);
      }
      return fail(`signs a manifest with sha256 ${signed}, but manifest.json has sha256 ${manifestSha256}: the manifest changed after signing${named}`);
    }
    if (differences.length > 0) return fail(`signs manifest.json sha256 ${manifestSha256}, but its statement does not describe that manifest${named}`);
    const who = verified.signer.type === 'key' ? `key ${verified.signer.keyId}` : `${verified.signer.identity} (issuer ${verified.signer.issuer ?? 'unknown'})`;
    const log = verified.tlogEntries.length > 0 ? `, transparency log entry ${verified.tlogEntries.map((e) => e.logIndex).join(', ')}` : '';
    return { check: 'signature', subject: SIGNATURE_FILE, result: 'pass', detail: `signed by ${who} over manifest.json sha256 ${manifestSha256}${log}` };
  } catch (error) {
    if (!isMaestroError(error)) throw error;
    if (error.code === 'TRUST_ROOT_INVALID' || error.code === 'FILE_NOT_FOUND' || error.code === 'FILE_UNREADABLE') throw error;
    // The cryptography says only that something changed: what the envelope carries says what.
    const shows = error instanceof SignatureInvalidError && error.check === 'signature' ? [...diagnoseEnvelope(parsed.value, manifest, manifestSha256, publicKeyPem && publicKeyFingerprint(publicKeyPem)), ...unsigned] : [];
    return fail(`${shows.length > 0 ? `does not verify (${shows.join('; ')}): ` : ''}${error.message}${error.remedy ? ` (${error.remedy})` : ''}`);
  }
}

function toIdentity(text: string): string | RegExp {
  const match = /^\/(.+)\/$/.exec(text);
  return match ? new RegExp(match[1]!) : text;
}
