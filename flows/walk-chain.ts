import { isReleaseTag } from '../core/bundle/build-manifest.js';
import type { VerificationCheck } from '../core/bundle/render-verification.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, type EvidenceManifest } from '../core/bundle/types.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';

/** Longest chain walked: far beyond any release history, it only stops a crafted loop. */
const MAX_RELEASES = 100_000;

/**
 * Walks the hash chain from a release back to the first one (`previous: null`): each previous
 * manifest must lie at `<releases>/<tag>/manifest.json` and hash to the digest its successor names.
 * A missing release is a gap; a different digest means the earlier manifest was replaced.
 */
export async function walkChain(store: EvidenceStore, manifest: EvidenceManifest, releases?: EvidenceStore): Promise<VerificationCheck[]> {
  const start = manifest.data.release;
  if (manifest.data.previous === null) return [{ check: 'chain', subject: start, result: 'pass', detail: 'first release of the chain (previous is null)' }];
  const root = releases ?? besideBundle(store, start);
  if (!root) {
    return [{ check: 'chain', subject: start, result: 'fail', detail: `cannot find the earlier releases: the bundle's location ${store.url} does not end with its tag ${start}; pass --releases <folder or URL holding <tag>/manifest.json>` }];
  }
  const seen = new Set<string>();
  let current = { release: start, previous: manifest.data.previous as string | null, previousRelease: manifest.data.previousRelease };
  let steps = 0;
  while (current.previous !== null) {
    if (!current.previousRelease) return [{ check: 'chain', subject: current.release, result: 'fail', detail: `names the previous manifest's sha256 ${current.previous} but not its release tag, so it cannot be found` }];
    if (!isReleaseTag(current.previousRelease)) return [{ check: 'chain', subject: current.release, result: 'fail', detail: `names the previous release '${current.previousRelease}', which is not a valid tag (it could point outside the releases)` }];
    if (seen.has(current.previous) || ++steps > MAX_RELEASES) return [{ check: 'chain', subject: current.release, result: 'fail', detail: 'the chain loops back on itself' }];
    seen.add(current.previous);
    const bytes = await root.at(current.previousRelease).read(MANIFEST_FILE, MAX_MANIFEST_BYTES);
    if (!bytes) return [{ check: 'chain', subject: current.previousRelease, result: 'fail', detail: `gap: release ${current.previousRelease}, the previous of ${current.release}, is missing from ${root.url}` }];
    const digest = sha256Hex(bytes);
    if (digest !== current.previous) return [{ check: 'chain', subject: current.previousRelease, result: 'fail', detail: `the manifest of ${current.previousRelease} has sha256 ${digest}, but ${current.release} names ${current.previous}: it was replaced or altered` }];
    const parsed = parseJsonText(bytes);
    const data = parsed.ok ? (parsed.value as { data?: { previous?: unknown; previousRelease?: unknown } }).data : undefined;
    if (!data || (data.previous !== null && typeof data.previous !== 'string')) return [{ check: 'chain', subject: current.previousRelease, result: 'fail', detail: 'its manifest has no previous field' }];
    current = { release: current.previousRelease, previous: data.previous as string | null, previousRelease: typeof data.previousRelease === 'string' ? data.previousRelease : undefined };
  }
  return [{ check: 'chain', subject: start, result: 'pass', detail: `${steps} earlier release(s) linked by sha256 back to the first release, ${current.release}, in ${root.url}` }];
}

/** The folder or prefix holding the bundle, when the bundle sits at `<root>/<tag>`. */
function besideBundle(store: EvidenceStore, release: string): EvidenceStore | undefined {
  if (!store.url.endsWith(`/${release}`)) return undefined;
  return store.at(release.split('/').map(() => '..').join('/'));
}
