import { EVIDENCE_PREDICATE_TYPE } from '../core/bundle/build-statement.js';
import type { BundleVerification, VerificationCheck } from '../core/bundle/render-verification.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, SIGNATURE_FILE, type EvidenceManifest } from '../core/bundle/types.js';
import { MaestroError, isMaestroError } from '../core/errors.js';
import { parseEvidenceFiles } from '../core/evidence/parse-evidence.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { VerifyBundle } from '../core/ports/bundle-verifier.js';
import type { EvidenceStore, StoredObject } from '../core/ports/evidence-store.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { StoreOpener } from '../core/ports/store-opener.js';
import { walkChain } from './walk-chain.js';

/** What to verify and whom to trust. */
export interface VerifyBundleInput {
  /** The bundle: a folder, file:// or s3:// URL of `<store>/<release>`, or that store already opened. */
  location: string | EvidenceStore;
  /** Keyless: the expected certificate identity (exact, or a /regex/) and OIDC issuer. */
  identity?: string;
  issuer?: string;
  /** Key-based: the signer's public key (PEM). */
  keyFile?: string;
  /** A trusted_root.json; the Sigstore public-good root shipped with the tool when absent. */
  trustedRootFile?: string;
  /** Where earlier releases lie as `<releases>/<tag>/`; by default beside the bundle. */
  releases?: string;
  /** Refuse locations that need the network: only local folders are read. */
  offline?: boolean;
  /** Accept a bundle without a signature (hashes and chain are still checked). */
  allowUnsigned?: boolean;
  now: Date;
}

/** The ports a bundle is verified through: the stores, the trust files (key, trusted root), and the Sigstore verifier. */
export interface VerifyBundleIo {
  stores: StoreOpener;
  inputFiles: InputFiles;
  verify: VerifyBundle;
}

const MAX_SIGNATURE_BYTES = 16 * 1024 * 1024;
const MAX_TRUSTED_ROOT_BYTES = 16 * 1024 * 1024;

/**
 * Verifies a release bundle without trusting whoever stored it: every artifact's bytes against the
 * manifest, no file beside them, the signature and its signer over exactly this manifest, the hash
 * chain back to the first release, and on a locking store each object's COMPLIANCE lock. Tampering
 * is a failed check naming the file and what changed; only unreadable input is an error.
 */
export async function verifyBundle(input: VerifyBundleInput, io: VerifyBundleIo): Promise<BundleVerification> {
  const where = typeof input.location === 'string' ? input.location : input.location.url;
  if (input.offline && /^(?!file:)[a-z][a-z0-9+.-]*:\/\//i.test(where)) {
    throw new MaestroError('USAGE', `--offline verifies local folders only, not ${where}`, { remedy: 'download the bundle (aws s3 sync) and verify the folder, or drop --offline.' });
  }
  const store = typeof input.location === 'string' ? await io.stores.openExisting(input.location, 'bundle folder', 'pass the folder (or store URL) that holds the bundle\'s manifest.json.') : input.location;
  const checks: VerificationCheck[] = [];
  const result = (release?: string): BundleVerification => ({ location: store.url, release, ok: checks.length > 0 && checks.every((c) => c.result === 'pass'), checks });
  const manifestBytes = await store.read(MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (!manifestBytes) {
    checks.push({ check: 'manifest', subject: MANIFEST_FILE, result: 'fail', detail: `there is no ${MANIFEST_FILE} at ${store.url}` });
    return result();
  }
  const [item] = await parseEvidenceFiles([{ bytes: manifestBytes, path: MANIFEST_FILE }]);
  if (item?.status !== 'valid' || item.report.kind !== 'evidence-manifest') {
    const why = item?.status === 'invalid' ? item.issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ') : `it is a ${item?.status === 'valid' ? item.report.kind : 'other'} report`;
    checks.push({ check: 'manifest', subject: MANIFEST_FILE, result: 'fail', detail: `not a valid evidence-manifest (${why}): it was altered or is not a bundle manifest` });
    return result();
  }
  const manifest = item.report as unknown as EvidenceManifest;
  const manifestSha256 = sha256Hex(manifestBytes);
  checks.push({ check: 'manifest', subject: MANIFEST_FILE, result: 'pass', detail: `valid evidence-manifest of ${manifest.data.release} (${manifest.data.commit}), sha256 ${manifestSha256}` });
  const own: StoredObject[] = [];
  if (store.locking) own.push((await store.inspect(MANIFEST_FILE))!);

  for (const artifact of manifest.data.artifacts) {
    const found = await store.inspect(artifact.path);
    if (!found) {
      checks.push({ check: 'artifact', subject: artifact.path, result: 'fail', detail: 'listed in the manifest but missing from the bundle' });
      continue;
    }
    const changes = [found.sha256 !== artifact.sha256 ? `sha256 is ${found.sha256}, the manifest says ${artifact.sha256}` : '', found.size !== artifact.size ? `size is ${found.size} bytes, the manifest says ${artifact.size}` : ''].filter(Boolean);
    const notes = found.notes.length > 0 ? ` (${found.notes.join('; ')})` : '';
    checks.push(changes.length > 0 ? { check: 'artifact', subject: artifact.path, result: 'fail', detail: `changed: ${changes.join(', ')}${notes}` } : { check: 'artifact', subject: artifact.path, result: 'pass', detail: `sha256 ${artifact.sha256}, ${artifact.size} bytes, as listed${notes}` });
    if (store.locking) own.push(found);
  }
  const listed = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.data.artifacts.map((a) => a.path)]);
  const keys = await store.list();
  const nested = await nestedReleases(store, keys, listed, manifest.data.release);
  for (const key of keys) {
    if (!listed.has(key) && !nested.some((prefix) => key.startsWith(prefix))) checks.push({ check: 'unlisted', subject: key, result: 'fail', detail: 'present in the bundle but not listed in the manifest: added after the bundle was built' });
  }
  checks.push(...(await checkSignature(store, manifest, manifestSha256, input, io, own)));
  if (store.locking) checks.push(...own.map((o) => checkRetention(o, input.now)));
  checks.push(...(await walkChain(store, manifest, input.releases ? await io.stores.open(input.releases) : undefined)));
  return result(manifest.data.release);
}

/**
 * Tags may nest (v1 and v1/rc1): a subfolder whose manifest names the release `<this tag>/<folder>`
 * is that release's bundle, verified on its own, not files added to this one. Returns their prefixes.
 */
async function nestedReleases(store: EvidenceStore, keys: string[], listed: Set<string>, release: string): Promise<string[]> {
  const prefixes: string[] = [];
  for (const key of keys.filter((k) => k.endsWith(`/${MANIFEST_FILE}`) && !listed.has(k))) {
    const folder = key.slice(0, -MANIFEST_FILE.length - 1);
    const parsed = parseJsonText((await store.read(key, MAX_MANIFEST_BYTES)) ?? Buffer.alloc(0));
    const named = parsed.ok ? (parsed.value as { data?: { release?: unknown } }).data?.release : undefined;
    if (named === `${release}/${folder}`) prefixes.push(`${folder}/`);
  }
  return prefixes;
}

async function checkSignature(store: EvidenceStore, manifest: EvidenceManifest, manifestSha256: string, input: VerifyBundleInput, io: VerifyBundleIo, own: StoredObject[]): Promise<VerificationCheck[]> {
  const bytes = await store.read(SIGNATURE_FILE, MAX_SIGNATURE_BYTES);
  if (!bytes) {
    if (manifest.data.signature) return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail: 'the manifest says the bundle is signed, but the signature file is missing' }];
    return [{ check: 'signature', subject: SIGNATURE_FILE, result: input.allowUnsigned ? 'pass' : 'fail', detail: input.allowUnsigned ? 'the bundle is not signed (accepted with --allow-unsigned)' : 'the bundle is not signed' }];
  }
  if (store.locking) own.push((await store.inspect(SIGNATURE_FILE))!);
  if (!input.keyFile && !input.identity) return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail: 'no signer to check against: pass --key <public key> or --identity <certificate identity> with --issuer' }];
  const parsed = parseJsonText(bytes);
  if (!parsed.ok) return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail: `not a Sigstore bundle: ${parsed.message}` }];
  const trustedRoot = input.trustedRootFile ? await io.inputFiles.readJson(input.trustedRootFile, 'trusted root', MAX_TRUSTED_ROOT_BYTES) : undefined;
  try {
    const verified = io.verify({
      bundle: parsed.value,
      bundleFile: SIGNATURE_FILE,
      trustedRoot,
      trustedRootFile: input.trustedRootFile,
      policy: input.keyFile ? { publicKeyPem: (await io.inputFiles.read(input.keyFile, 'public key', 64 * 1024)).toString('utf8') } : { identity: toIdentity(input.identity!), issuer: input.issuer },
      tlogThreshold: input.keyFile ? 0 : 1,
    });
    const statement = verified.statement;
    const subject = statement?.subject.find((s) => s.name === MANIFEST_FILE) ?? statement?.subject[0];
    if (statement?.predicateType !== EVIDENCE_PREDICATE_TYPE) return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail: `signs a ${statement?.predicateType ?? 'non-in-toto'} statement, not a release evidence attestation (${EVIDENCE_PREDICATE_TYPE})` }];
    if (subject?.digest.sha256 !== manifestSha256) return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail: `signs a manifest with sha256 ${subject?.digest.sha256 ?? 'none'}, but manifest.json has sha256 ${manifestSha256}: the manifest changed after signing` }];
    const who = verified.signer.type === 'key' ? `key ${verified.signer.keyId}` : `${verified.signer.identity} (issuer ${verified.signer.issuer ?? 'unknown'})`;
    const log = verified.tlogEntries.length > 0 ? `, transparency log entry ${verified.tlogEntries.map((e) => e.logIndex).join(', ')}` : '';
    return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'pass', detail: `signed by ${who} over manifest.json sha256 ${manifestSha256}${log}` }];
  } catch (error) {
    if (!isMaestroError(error)) throw error;
    if (error.code === 'TRUST_ROOT_INVALID' || error.code === 'FILE_NOT_FOUND' || error.code === 'FILE_UNREADABLE') throw error;
    return [{ check: 'signature', subject: SIGNATURE_FILE, result: 'fail', detail: `${error.message}${error.remedy ? ` (${error.remedy})` : ''}` }];
  }
}

function checkRetention(object: StoredObject, now: Date): VerificationCheck {
  const r = object.retention;
  if (!r) return { check: 'retention', subject: object.key, result: 'fail', detail: `version ${object.versionId} has no Object Lock retention: it can be deleted` };
  if (r.mode !== 'COMPLIANCE') return { check: 'retention', subject: object.key, result: 'fail', detail: `version ${object.versionId} is locked in ${r.mode} mode, which privileged users can bypass; COMPLIANCE is required` };
  if (Date.parse(r.retainUntil) <= now.getTime()) return { check: 'retention', subject: object.key, result: 'fail', detail: `the lock of version ${object.versionId} ran out at ${r.retainUntil}` };
  return { check: 'retention', subject: object.key, result: 'pass', detail: `version ${object.versionId} locked in COMPLIANCE mode until ${r.retainUntil}` };
}

function toIdentity(text: string): string | RegExp {
  const match = /^\/(.+)\/$/.exec(text);
  return match ? new RegExp(match[1]!) : text;
}
