import { isReleaseTag } from '../core/bundle/build-manifest.js';
import { checkManifestContents, isReportCandidate, MAX_BUNDLED_REPORT_BYTES, type ReadReports } from '../core/bundle/check-manifest-contents.js';
import { checkOverwrites, checkRetention } from '../core/bundle/check-stored-objects.js';
import { askedByLocation, askedByOption, askedByReleases, checkRelease, locationSegments, type AskedRelease } from '../core/bundle/release-identity.js';
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
import { checkSignature, type SignerTrust } from './verify-bundle-signature.js';
import { walkChain } from './walk-chain.js';

/** What to verify and whom to trust. */
export interface VerifyBundleInput extends SignerTrust {
  /** The bundle: a folder, file:// or s3:// URL of `<store>/<release>`, or that store already opened. */
  location: string | EvidenceStore;
  /**
   * The release the bundle must be of. By default the end of the location: its last segment(s), as
   * many as the manifest's tag has (tags with `/` lie in nested folders), or the path below
   * `releases`, or below a release bundle that holds this one.
   */
  release?: string;
  /** Where earlier releases lie as `<releases>/<tag>/`; by default beside the bundle. */
  releases?: string;
  /** Refuse locations that need the network: only local folders are read. */
  offline?: boolean;
  now: Date;
}

/** The ports a bundle is verified through: the stores, the trust files (key, trusted root), and the Sigstore verifier. */
export interface VerifyBundleIo {
  stores: StoreOpener;
  inputFiles: InputFiles;
  verify: VerifyBundle;
}

/** Errors of a stored object that are tampering with the bundle (a link or folder where a file was), not unreadable input. */
const TAMPERED_OBJECT = new Set(['NOT_A_FILE', 'SYMLINK_REFUSED', 'ARTIFACT_REFUSED']);

/**
 * Verifies a release bundle without trusting whoever stored it: that its manifest is of the release
 * asked for, agrees with itself and its artifacts, every artifact's bytes against the manifest, no
 * file beside them, the signature and its signer over exactly this manifest, the hash chain back to
 * the first release, and on a locking store each object's COMPLIANCE lock and whatever was written
 * over it. Tampering is a failed check naming the file and what changed; only unreadable input is an error.
 */
export async function verifyBundle(input: VerifyBundleInput, io: VerifyBundleIo): Promise<BundleVerification> {
  const where = typeof input.location === 'string' ? input.location : input.location.url;
  if (input.offline && /^(?!file:)[a-z][a-z0-9+.-]*:\/\//i.test(where)) {
    throw new MaestroError('USAGE', `--offline verifies local folders only, not ${where}`, { remedy: 'download the bundle (aws s3 sync) and verify the folder, or drop --offline.' });
  }
  const asked = input.release !== undefined ? askedByOption(input.release) : undefined;
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
  const releases = input.releases ? await io.stores.open(input.releases) : undefined;
  checks.push(checkRelease(manifest.data.release, asked ?? (await askedByStore(store, manifest.data.release, releases)), store.url));
  const own: StoredObject[] = [];
  if (store.locking) own.push((await store.inspect(MANIFEST_FILE))!);

  const matched = new Set<string>();
  for (const artifact of manifest.data.artifacts) {
    const found = await inspectArtifact(store, artifact.path);
    if (!found || 'tampered' in found) {
      checks.push({ check: 'artifact', subject: artifact.path, result: 'fail', detail: found ? found.tampered : 'listed in the manifest but missing from the bundle' });
      continue;
    }
    const changes = [found.sha256 !== artifact.sha256 ? `sha256 is ${found.sha256}, the manifest says ${artifact.sha256}` : '', found.size !== artifact.size ? `size is ${found.size} bytes, the manifest says ${artifact.size}` : ''].filter(Boolean);
    const notes = found.notes.length > 0 ? ` (${found.notes.join('; ')})` : '';
    checks.push(changes.length > 0 ? { check: 'artifact', subject: artifact.path, result: 'fail', detail: `changed: ${changes.join(', ')}${notes}` } : { check: 'artifact', subject: artifact.path, result: 'pass', detail: `sha256 ${artifact.sha256}, ${artifact.size} bytes, as listed${notes}` });
    if (changes.length === 0) matched.add(artifact.path);
    if (store.locking) own.push(found);
  }
  checks.push(...checkManifestContents(manifest, manifestBytes, await readReports(store, manifest, matched)));
  const listed = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.data.artifacts.map((a) => a.path)]);
  const keys = await store.list();
  const nested = await nestedReleases(store, keys, listed, manifest.data.release);
  for (const key of keys) {
    if (!listed.has(key) && !nested.some((prefix) => key.startsWith(prefix))) checks.push({ check: 'unlisted', subject: key, result: 'fail', detail: 'present in the bundle but not listed in the manifest: added after the bundle was built' });
  }
  checks.push(await checkSignature(store, manifest, manifestSha256, input, io, own));
  for (const object of own) {
    const overwritten = checkOverwrites(object);
    if (overwritten) checks.push(overwritten);
  }
  if (store.locking) checks.push(...own.map((o) => checkRetention(o, input.now)));
  checks.push(...(await walkChain(store, manifest, releases)));
  return result(manifest.data.release);
}

/** The stored artifact, or what stands in its place when that is not a regular file. */
async function inspectArtifact(store: EvidenceStore, path: string): Promise<StoredObject | { tampered: string } | undefined> {
  try {
    return await store.inspect(path);
  } catch (error) {
    if (isMaestroError(error) && TAMPERED_OBJECT.has(error.code)) return { tampered: `not the file that was published: ${error.message}` };
    throw error;
  }
}

/**
 * The release asked for when no --release is given: the path below `releases` when the bundle lies
 * there; else below the nearest folder above that holds a release's bundle whose tag that folder's
 * location ends with (a nested tag's bundle lies inside its parent's: v1.0.0/hotfix in v1.0.0);
 * else the last segment(s) of the location, as many as the manifest's tag has.
 */
async function askedByStore(store: EvidenceStore, manifestRelease: string, releases?: EvidenceStore): Promise<AskedRelease | undefined> {
  const below = releases ? askedByReleases(store.url, releases.url) : undefined;
  if (below) return below;
  const segments = locationSegments(store.url);
  for (let up = 1; up < segments.length; up++) {
    const tail = segments.slice(-up).join('/');
    if (!isReleaseTag(tail)) break;
    const parent = store.at(Array.from({ length: up }, () => '..').join('/'));
    // Folders above the bundle are not part of it: one that cannot be read holds no bundle to nest in.
    const bytes = await parent.read(MANIFEST_FILE, MAX_MANIFEST_BYTES).catch(() => undefined);
    const parsed = bytes ? parseJsonText(bytes) : undefined;
    const doc = parsed?.ok ? (parsed.value as { kind?: unknown; data?: { release?: unknown } } | null) : undefined;
    const release = doc?.kind === 'evidence-manifest' ? doc.data?.release : undefined;
    if (typeof release === 'string' && parent.url.endsWith(`/${release}`) && isReleaseTag(`${release}/${tail}`)) return { tag: `${release}/${tail}`, from: 'parent', parent: parent.url, parentRelease: release };
  }
  return askedByLocation(store.url, manifestRelease);
}

/** Reads back the artifacts the builder opened as reports, those whose bytes matched the manifest, for the contents check. */
async function readReports(store: EvidenceStore, manifest: EvidenceManifest, matched: Set<string>): Promise<ReadReports> {
  const candidates = manifest.data.artifacts.filter(isReportCandidate);
  const files: Array<{ bytes: Buffer; path: string }> = [];
  for (const artifact of candidates.filter((a) => matched.has(a.path))) {
    const bytes = await store.read(artifact.path, MAX_BUNDLED_REPORT_BYTES).catch(() => undefined);
    // Read again after hashing: on a folder it may have changed in between; only the listed bytes count.
    if (bytes && sha256Hex(bytes) === artifact.sha256) files.push({ bytes, path: artifact.path });
  }
  const items = await parseEvidenceFiles(files);
  return { items: items.map((item, i) => ({ path: files[i]!.path, item })), complete: files.length === candidates.length };
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
