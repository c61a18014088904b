import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../core/bundle/types.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';

/** A release bundle found in a store. */
export interface FoundRelease {
  release: string;
  /** RFC 3339 time the manifest says the release was made. */
  createdAt: string;
}

/**
 * The newest release in a store that keeps bundles as `<tag>/manifest.json`: the manifest with the
 * latest `createdAt` whose `release` names its own folder (a manifest elsewhere is not a published
 * bundle and is ignored). Undefined when the store holds none.
 */
export async function findLatestRelease(store: EvidenceStore): Promise<FoundRelease | undefined> {
  let latest: FoundRelease | undefined;
  for (const key of await store.list()) {
    if (!key.endsWith(`/${MANIFEST_FILE}`)) continue;
    const folder = key.slice(0, -MANIFEST_FILE.length - 1);
    const parsed = parseJsonText((await store.read(key, MAX_MANIFEST_BYTES)) ?? Buffer.alloc(0));
    const manifest = parsed.ok ? (parsed.value as { kind?: unknown; createdAt?: unknown; data?: { release?: unknown } }) : undefined;
    if (manifest?.kind !== 'evidence-manifest' || manifest.data?.release !== folder || typeof manifest.createdAt !== 'string') continue;
    const time = Date.parse(manifest.createdAt);
    if (Number.isNaN(time)) continue;
    if (!latest || time > Date.parse(latest.createdAt)) latest = { release: folder, createdAt: manifest.createdAt };
  }
  return latest;
}
