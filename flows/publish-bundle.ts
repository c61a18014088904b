import { join } from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, type EvidenceManifest } from '../core/bundle/types.js';
import { MaestroError } from '../core/errors.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { BundleFiles } from '../core/ports/bundle-files.js';
import type { EvidenceStore, StoredObject } from '../core/ports/evidence-store.js';

/**
 * Uploads a built bundle folder to its place in a store: after the store's preflight, every
 * artifact, then the signature, and the manifest last, so an upload that fails midway leaves no
 * manifest pointing at missing objects. Publishing the same bundle again is a no-op; a different
 * bundle under the same release is refused. `files` hashes the signature, which the manifest does not list.
 */
export async function publishBundle(store: EvidenceStore, bundleDir: string, manifest: EvidenceManifest, manifestBytes: Buffer, files: Pick<BundleFiles, 'hash'>): Promise<{ url: string; objects: StoredObject[]; alreadyPresent: boolean }> {
  await store.preflight();
  const manifestDigest = { sha256: sha256Hex(manifestBytes), size: manifestBytes.length };
  const present = await store.inspect(MANIFEST_FILE);
  if (present) {
    if (present.sha256 !== manifestDigest.sha256) {
      throw new MaestroError('STORE_OBJECT_EXISTS', `release ${manifest.data.release} is already published in ${store.url} with another manifest (sha256 ${present.sha256})`, { remedy: 'published evidence is never replaced: tag a new release.' });
    }
    return { url: store.url, objects: [present], alreadyPresent: true };
  }
  const objects: StoredObject[] = [];
  for (const artifact of manifest.data.artifacts) objects.push(await store.put(artifact.path, join(bundleDir, artifact.path), { sha256: artifact.sha256, size: artifact.size }));
  if (manifest.data.signature) {
    const path = join(bundleDir, SIGNATURE_FILE);
    objects.push(await store.put(SIGNATURE_FILE, path, await files.hash(path)));
  }
  objects.push(await store.put(MANIFEST_FILE, join(bundleDir, MANIFEST_FILE), manifestDigest));
  return { url: store.url, objects, alreadyPresent: false };
}
