import { MaestroError } from '../core/errors.js';
import type { AttestationCheck, BundleOutcome, HashedArtifact } from '../core/gates/attestation/types.js';
import { SignatureInvalidError, type SignatureCheck, type SignerPolicy, type VerifyBundle } from '../core/ports/bundle-verifier.js';
import type { InputFiles } from '../core/ports/input-files.js';

/** Sigstore bundles are kilobytes; this bounds a hostile one. */
export const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
const MAX_TRUSTED_ROOT_BYTES = 10 * 1024 * 1024;

const CHECK: Record<SignatureCheck, AttestationCheck> = {
  bundle: 'bundle',
  'trust-root': 'trust-root',
  key: 'key',
  certificate: 'certificate',
  timestamp: 'timestamp',
  'transparency-log': 'tlog',
  signature: 'signature',
  identity: 'identity',
  issuer: 'issuer',
};

/** The inputs of bundle verification, as the user named them. */
export interface BundleVerificationInput {
  bundles: string[];
  artifacts: HashedArtifact[];
  policy: SignerPolicy;
  trustedRoot?: string;
  /** Minimum transparency log entries per bundle (default 1). */
  tlogThreshold?: number;
}

/** What bundle verification reads through: the bundles, trusted root and signed artifacts, and the offline verifier. */
export interface BundleVerificationIo {
  files: InputFiles;
  verifyBundle: VerifyBundle;
}

/**
 * Reads and verifies each bundle once (a message signature against the artifact whose digest it
 * signs), offline. A file that is not a Sigstore bundle, or an unreadable trusted root, is bad
 * input and throws; a bundle that fails a check becomes an outcome with the failed check.
 */
export async function verifyAttestationBundles(input: BundleVerificationInput, io: BundleVerificationIo): Promise<BundleOutcome[]> {
  const trustedRoot = input.trustedRoot ? await io.files.readJson(input.trustedRoot, 'trusted root', MAX_TRUSTED_ROOT_BYTES) : undefined;
  const outcomes: BundleOutcome[] = [];
  for (const { path, json } of await readBundles(input.bundles, io.files)) {
    const { claims, names } = readClaims(json);
    const signed = input.artifacts.find((a) => claims.includes(`sha256:${a.digests.sha256}`));
    const isMessageSignature = typeof json === 'object' && json !== null && 'messageSignature' in json;
    try {
      const result = io.verifyBundle({
        bundle: json,
        bundleFile: path,
        ...(isMessageSignature && signed ? { artifact: await io.files.read(signed.path, 'artifact', Number.MAX_SAFE_INTEGER) } : {}),
        ...(trustedRoot !== undefined ? { trustedRoot, trustedRootFile: input.trustedRoot } : {}),
        policy: input.policy,
        ...(input.tlogThreshold !== undefined ? { tlogThreshold: input.tlogThreshold } : {}),
      });
      const signer = result.signer.type === 'certificate' ? { identity: result.signer.identity, ...(result.signer.issuer ? { issuer: result.signer.issuer } : {}) } : { keyId: result.signer.keyId };
      outcomes.push({ path, claims, names, signer, ...(result.statement ? { statement: result.statement } : {}) });
    } catch (error) {
      if (!(error instanceof SignatureInvalidError) || error.check === 'bundle' || error.check === 'trust-root') throw error;
      outcomes.push({ path, claims, names, error: { check: CHECK[error.check], message: error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message } });
    }
  }
  return outcomes;
}

/**
 * Reads bundle files. A file in the npm registry's attestations format (`{"attestations": [{"predicateType", "bundle"}]}`)
 * holds several bundles, named `<file>#<index>`.
 */
async function readBundles(paths: string[], files: InputFiles): Promise<{ path: string; json: unknown }[]> {
  const out: { path: string; json: unknown }[] = [];
  for (const path of paths) {
    const json = await files.readJson(path, 'bundle', MAX_BUNDLE_BYTES);
    const list = (json as { attestations?: unknown } | null)?.attestations;
    if (Array.isArray(list) && !(json as { mediaType?: unknown }).mediaType) list.forEach((entry, i) => out.push({ path: `${path}#${i}`, json: (entry as { bundle?: unknown } | null)?.bundle ?? entry }));
    else out.push({ path, json });
  }
  return out;
}

/**
 * What a bundle claims to cover, read before verification so that a failure can be attributed to
 * the artifact it was meant for: the subject digests of a DSSE in-toto statement, or the digest a
 * message signature signs. A payload that cannot be decoded claims nothing.
 */
function readClaims(json: unknown): { claims: string[]; names: string[] } {
  const bundle = (typeof json === 'object' && json !== null ? json : {}) as { dsseEnvelope?: { payload?: unknown }; messageSignature?: { messageDigest?: { algorithm?: unknown; digest?: unknown } } };
  const digest = bundle.messageSignature?.messageDigest;
  if (digest && typeof digest.digest === 'string') {
    const alg = String(digest.algorithm ?? 'SHA2_256') === 'SHA2_256' ? 'sha256' : String(digest.algorithm).toLowerCase();
    return { claims: [`${alg}:${Buffer.from(digest.digest, 'base64').toString('hex')}`], names: ['message signature'] };
  }
  if (typeof bundle.dsseEnvelope?.payload !== 'string') return { claims: [], names: [] };
  let statement: { subject?: unknown };
  try {
    statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { subject?: unknown };
  } catch {
    return { claims: [], names: [] };
  }
  const claims: string[] = [];
  const names: string[] = [];
  for (const subject of Array.isArray(statement.subject) ? statement.subject : []) {
    const s = subject as { name?: unknown; digest?: Record<string, unknown> };
    for (const [alg, hex] of Object.entries(s.digest ?? {})) {
      if (typeof hex !== 'string') continue;
      claims.push(`${alg.toLowerCase()}:${hex.toLowerCase()}`);
      names.push(typeof s.name === 'string' ? s.name : '(unnamed subject)');
    }
  }
  return { claims, names };
}

/** Refuses a run that cannot prove anything, before any file is touched. */
export function assertAttestationInputs(artifacts: string[], bundles: string[]): void {
  if (artifacts.length === 0) throw new MaestroError('USAGE', 'no artifact was given', { remedy: 'pass each artifact with --artifact <file>.' });
  if (bundles.length === 0) throw new MaestroError('USAGE', 'no Sigstore bundle was given', { remedy: 'pass each bundle with --bundle <file> (npm: the attestations of the package version; GitHub: gh attestation download).' });
}
