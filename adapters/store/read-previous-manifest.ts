import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../../core/bundle/types.js';
import { MaestroError } from '../../core/errors.js';
import { parseJsonText } from '../../core/evidence/parse-json-text.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { readInputFile } from '../fs/read-input-file.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import type { PreviousManifestReader, ReleaseLink } from '../../core/ports/previous-manifest-reader.js';
import { openStore } from './open-store.js';

/**
 * The link to the previous release: the sha256 of its manifest.json bytes and its tag. `where` is a
 * manifest.json file, a bundle folder, or a store URL of the previous bundle (`s3://b/p/v1.1.0`).
 */
export async function readPreviousManifest(where: string | EvidenceStore): Promise<ReleaseLink> {
  let bytes: Buffer | undefined;
  let name = typeof where === 'string' ? where : where.url;
  if (typeof where !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(where)) {
    const store = typeof where === 'string' ? await openStore(where) : where;
    name = `${store.url}/${MANIFEST_FILE}`;
    bytes = await store.read(MANIFEST_FILE, MAX_MANIFEST_BYTES);
    if (!bytes) throw new MaestroError('FILE_NOT_FOUND', `previous manifest ${name} does not exist`, { remedy: 'pass the URL of the previous release\'s bundle (<store>/<tag>).' });
  } else {
    const info = await stat(where).catch(() => undefined);
    if (info?.isDirectory()) name = join(where, MANIFEST_FILE);
    bytes = await readInputFile(name, 'previous manifest', MAX_MANIFEST_BYTES);
  }
  const parsed = parseJsonText(bytes);
  const release = parsed.ok ? (parsed.value as { kind?: unknown; data?: { release?: unknown } }) : undefined;
  if (!release || release.kind !== 'evidence-manifest' || typeof release.data?.release !== 'string') {
    throw new MaestroError('SCHEMA_INVALID', `previous manifest ${name} is not an evidence-manifest report`, { file: name, remedy: 'pass the manifest.json of the previous release\'s bundle.' });
  }
  return { sha256: sha256Hex(bytes), release: release.data.release };
}

/** The PreviousManifestReader port over local files and stores. */
export const previousManifestReader: PreviousManifestReader = { read: readPreviousManifest };
