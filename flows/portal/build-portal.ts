import type { Control } from '../../core/controls/types.js';
import { CLIENT_SCRIPT } from '../../core/portal/client-script.js';
import { renderIndexPage } from '../../core/portal/render-index-page.js';
import { renderReleasePages } from '../../core/portal/render-release-page.js';
import type { StartSite } from '../../core/portal/site-writer.js';
import { SITE_STYLE } from '../../core/portal/site-style.js';
import { toReleaseView } from '../../core/portal/to-release-view.js';
import type { ReleaseView } from '../../core/portal/types.js';
import { verifyBundle, type VerifyBundleIo } from '../verify-bundle.js';
import type { SignerTrust } from '../verify-bundle-signature.js';
import { listReleaseTags, readLedgerEntries, readReleaseSource, witnessedHead } from './read-release-source.js';

/** Releases verified and read at once. */
const RELEASES_AT_ONCE = 4;

/** What a portal is built from. */
export interface BuildPortalInput extends SignerTrust {
  /** The evidence store holding bundles as `<tag>/`. */
  store: string;
  /** The audit ledger's store: each release's range is read from it (else from the bundle's pack). */
  ledger?: string;
  outDir: string;
  /** The catalog shown for releases whose bundle carries none (built without a pack). */
  catalog: Control[];
  /** The `maestro verify` options a reader needs for the signer, shown in "verify it yourself". */
  signerOptions: string;
  /** Verification time (retention, certificates) and the build time the pages show. */
  now: Date;
}

/** The ports a portal is built through. */
export interface BuildPortalIo extends VerifyBundleIo {
  startSite: StartSite;
}

/** What was built. */
export interface BuiltPortal {
  dir: string;
  releases: Array<{ release: string; ok: boolean; failed: number }>;
  pages: number;
  /** Bytes of the largest page. */
  largestPage: { path: string; bytes: number };
}

/**
 * Builds the static evidence site of a store: every release verified with the same flow as
 * `maestro verify`, its bundle copied under `bundles/<tag>/`, its pages (release, pull requests,
 * files) and the index with the charts across releases, the stylesheet and the script. The site
 * replaces the previous one only when complete.
 */
export async function buildPortal(input: BuildPortalInput, io: BuildPortalIo): Promise<BuiltPortal> {
  const store = await io.stores.openExisting(input.store, 'evidence store', 'pass the store that holds the release bundles as <tag>/ (s3://..., file://... or a folder).');
  const ledger = input.ledger ? await io.stores.openExisting(input.ledger, 'audit ledger', 'pass the ledger\'s store URL, as given to maestro ledger verify.') : undefined;
  const tags = await listReleaseTags(store);
  const site = await io.startSite(input.outDir);
  try {
    // The ledger head each release witnessed, so a release's range starts after its previous release's head.
    const heads = new Map<string, number>();
    for (const tag of tags) {
      const seq = await witnessedHead(store, tag);
      if (seq !== undefined) heads.set(tag, seq);
    }
    // Releases are verified, read and turned into views a few at a time (each waits on its store reads
    // most of the time); a release's files are let go once its view is made.
    const views = (await mapLimit(tags, RELEASES_AT_ONCE, async (tag): Promise<ReleaseView> => {
      const verification = await verifyBundle({ location: store.at(tag), release: tag, identity: input.identity, issuer: input.issuer, keyFile: input.keyFile, trustedRootFile: input.trustedRootFile, allowUnsigned: input.allowUnsigned, now: input.now }, io);
      const nested = tags.filter((t) => t.startsWith(`${tag}/`)).map((t) => t.slice(tag.length + 1));
      const source = await readReleaseSource(store, tag, verification, site, { nested });
      const head = source.manifest?.data.ledger;
      const previous = source.manifest?.data.previousRelease;
      const entries = ledger && head ? await readLedgerEntries(ledger, (previous !== undefined ? heads.get(previous) : undefined) ?? 0, head.seq) : undefined;
      return toReleaseView(entries ? { ...source, ledger: { entries, source: ledger!.url } } : source, input.catalog);
    })).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.release.localeCompare(b.release));
    const builtAt = input.now.toISOString();
    const hints = { signerOptions: input.signerOptions, store: store.url };
    const pages = [{ path: 'index.html', html: renderIndexPage(views, store.url, builtAt) }, ...views.flatMap((v) => renderReleasePages(v, hints, builtAt))];
    for (const page of pages) await site.write(page.path, page.html);
    await site.write('assets/portal.css', SITE_STYLE);
    await site.write('assets/portal.js', CLIENT_SCRIPT);
    await site.save();
    const largest = pages.map((p) => ({ path: p.path, bytes: Buffer.byteLength(p.html) })).sort((a, b) => b.bytes - a.bytes)[0]!;
    return { dir: site.dir, releases: views.map((v) => ({ release: v.release, ok: v.verification.ok, failed: v.verification.checks.filter((c) => c.result === 'fail').length })), pages: pages.length, largestPage: largest };
  } finally {
    await site.discard();
  }
}

/** `fn` over `items`, at most `limit` at once, results in the order of `items`. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
