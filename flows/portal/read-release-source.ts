import { isReleaseTag } from '../../core/bundle/build-manifest.js';
import { MAX_BUNDLED_REPORT_BYTES } from '../../core/bundle/check-manifest-contents.js';
import type { BundleVerification } from '../../core/bundle/render-verification.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, SIGNATURE_FILE, type EvidenceManifest } from '../../core/bundle/types.js';
import { isMaestroError } from '../../core/errors.js';
import { parseJsonText } from '../../core/evidence/parse-json-text.js';
import { entryKey, MAX_ENTRY_BYTES } from '../../core/ledger/build-entry.js';
import type { ReleaseSource } from '../../core/portal/to-release-view.js';
import type { SiteDraft } from '../../core/portal/site-writer.js';
import { sha256Hex } from '../../core/util/sha256.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';

/** Largest file copied into the site; larger artifacts are listed with their digest and a note. */
export const MAX_SITE_FILE_BYTES = 512 * 1024 * 1024;
/** Reads in flight at once (S3 latency dominates small objects). */
const PARALLEL = 32;
const SAFE_SEGMENT = /^[A-Za-z0-9._+@=,-]+$/;

/**
 * Reads one release of the store for the portal and copies its bundle into the site under
 * `bundles/<tag>/`, byte for byte as stored (a tampered file is copied as it is, so a reader's own
 * check finds what the verifier found). Keeps in memory the files the pages are made from (the
 * pack, the reports), only when their bytes match the manifest; lists those that do not.
 */
export async function readReleaseSource(store: EvidenceStore, tag: string, verification: BundleVerification, site: SiteDraft, options: { nested: string[] }): Promise<ReleaseSource> {
  const bundle = store.at(tag);
  const manifestBytes = await bundle.read(MANIFEST_FILE, MAX_MANIFEST_BYTES).catch(() => undefined);
  const parsed = manifestBytes ? parseJsonText(manifestBytes) : undefined;
  const candidate = parsed?.ok ? (parsed.value as EvidenceManifest) : undefined;
  const manifest = candidate?.kind === 'evidence-manifest' && Array.isArray(candidate.data?.artifacts) ? candidate : undefined;
  const listed = new Map((manifest?.data.artifacts ?? []).map((a) => [a.path, a]));
  const files = new Map<string, Buffer>();
  const unreadable: string[] = [];
  const copies = new Map<string, { href?: string; note?: string }>();
  // Releases nested in this one (v1/rc1 inside v1) are their own bundles, read on their own.
  const keys = (await bundle.list()).filter((k) => !options.nested.some((n) => k.startsWith(`${n}/`)));
  const ownKeys = [MANIFEST_FILE, SIGNATURE_FILE, ...listed.keys()];
  const all = [...new Set([...ownKeys.filter((k) => keys.includes(k)), ...keys])];
  for (let i = 0; i < all.length; i += PARALLEL) {
    await Promise.all(all.slice(i, i + PARALLEL).map(async (key) => {
      const artifact = listed.get(key);
      const sitePath = `bundles/${tag}/${key}`;
      if (!key.split('/').every((s) => SAFE_SEGMENT.test(s) && s !== '.' && s !== '..')) {
        copies.set(key, { note: 'not copied: its name is not a bundle path' });
        return;
      }
      let bytes: Buffer | undefined;
      try {
        bytes = await bundle.read(key, MAX_SITE_FILE_BYTES);
      } catch (error) {
        if (!isMaestroError(error)) throw error;
        copies.set(key, { note: `not copied: ${error.message}` });
        if (artifact && wanted(key, artifact.kind)) unreadable.push(key);
        return;
      }
      if (!bytes) return;
      await site.write(sitePath, bytes);
      copies.set(key, { href: sitePath });
      if (!artifact || !wanted(key, artifact.kind) || bytes.length > MAX_BUNDLED_REPORT_BYTES) return;
      if (sha256Hex(bytes) === artifact.sha256) files.set(key, bytes);
      else unreadable.push(key);
    }));
  }
  for (const path of listed.keys()) if (!copies.has(path)) copies.set(path, { note: 'missing from the store' });
  unreadable.sort();
  return {
    tag,
    verification,
    ...(manifest ? { manifest } : {}),
    ...(manifestBytes && manifest ? { manifestSha256: sha256Hex(manifestBytes) } : {}),
    files,
    unreadable,
    copies,
  };
}

/** The tags of the releases a store holds: folders with a manifest.json, except files of another release's bundle. */
export async function listReleaseTags(store: EvidenceStore): Promise<string[]> {
  const folders = (await store.list()).filter((k) => k.endsWith(`/${MANIFEST_FILE}`)).map((k) => k.slice(0, -MANIFEST_FILE.length - 1)).filter(isReleaseTag);
  const listedBy = new Map<string, Set<string>>();
  for (const folder of folders) {
    const bytes = await store.at(folder).read(MANIFEST_FILE, MAX_MANIFEST_BYTES).catch(() => undefined);
    const parsed = bytes ? parseJsonText(bytes) : undefined;
    const artifacts = parsed?.ok ? (parsed.value as { data?: { artifacts?: Array<{ path?: unknown }> } }).data?.artifacts : undefined;
    listedBy.set(folder, new Set(Array.isArray(artifacts) ? artifacts.map((a) => String(a?.path)) : []));
  }
  // A manifest.json listed as an artifact of an enclosing release is that release's file, not a release.
  return folders.filter((f) => !folders.some((outer) => f.startsWith(`${outer}/`) && listedBy.get(outer)!.has(`${f.slice(outer.length + 1)}/${MANIFEST_FILE}`))).sort();
}

/** The ledger head a release's manifest witnessed; undefined when it records none or cannot be read. */
export async function witnessedHead(store: EvidenceStore, tag: string): Promise<number | undefined> {
  const bytes = await store.at(tag).read(MANIFEST_FILE, MAX_MANIFEST_BYTES).catch(() => undefined);
  const parsed = bytes ? parseJsonText(bytes) : undefined;
  const seq = parsed?.ok ? (parsed.value as { data?: { ledger?: { seq?: unknown } } } | null)?.data?.ledger?.seq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : undefined;
}

/** Files whose contents make the pages: the pack and every evidence report. */
function wanted(key: string, kind: string | undefined): boolean {
  return key.startsWith('pack/') || kind !== undefined;
}

/** The ledger's entries after `after` up to `head`, as stored; entries that are missing are left out (the timeline then shows the broken link). */
export async function readLedgerEntries(store: EvidenceStore, after: number, head: number): Promise<Array<{ seq: number; bytes: Buffer }>> {
  const entries: Array<{ seq: number; bytes: Buffer }> = [];
  for (let seq = after + 1; seq <= head; seq++) {
    const bytes = await store.read(entryKey(seq), MAX_ENTRY_BYTES).catch(() => undefined);
    if (bytes) entries.push({ seq, bytes });
  }
  return entries;
}
