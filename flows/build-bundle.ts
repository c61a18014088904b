import { buildManifest, checkReleaseTag, serializeManifest } from '../core/bundle/build-manifest.js';
import { buildStatement } from '../core/bundle/build-statement.js';
import { checkBundlePath } from '../core/bundle/check-bundle-path.js';
import { summarizeGates } from '../core/bundle/summarize-gates.js';
import { MANIFEST_FILE, SIGNATURE_FILE, type EvidenceManifest, type ManifestArtifact, type ManifestLedgerHead } from '../core/bundle/types.js';
import { MaestroError } from '../core/errors.js';
import { parseEvidenceFiles } from '../core/evidence/parse-evidence.js';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { BundleFiles } from '../core/ports/bundle-files.js';
import type { StoredObject } from '../core/ports/evidence-store.js';
import type { PreviousManifestReader, ReleaseLink } from '../core/ports/previous-manifest-reader.js';
import type { StatementSigner } from '../core/ports/statement-signer.js';
import type { StoreOpener } from '../core/ports/store-opener.js';
import { publishBundle } from './publish-bundle.js';

/** What a bundle is built from. */
export interface BuildBundleInput {
  release: string;
  artifactsDir: string;
  outDir: string;
  repo: string;
  commit: string;
  /** RFC 3339 time of the release, from the tag's commit or given: never the clock, so rebuilds are identical. */
  createdAt: string;
  producer: EvidenceProducer;
  /** The previous release's manifest: a manifest.json file, a bundle folder, or a store URL of its bundle. */
  previous?: string;
  /** The previous release's tag, read from the store (where it lies at `<store>/<tag>/`); instead of `previous`. */
  previousRelease?: string;
  /** Signs the manifest's statement into manifest.sigstore.json; the bundle is unsigned without it. */
  signer?: StatementSigner;
  /** Store URL; the bundle is published under `<store>/<release>/`. */
  store?: string;
  /** The audit ledger's head, recorded in the manifest as a witness (see `ledgerHeadForRelease`). */
  ledgerHead?: ManifestLedgerHead;
  /** Files made for the bundle rather than copied from `artifactsDir` (the evidence pack), listed and hashed like artifacts. */
  extraFiles?: Array<{ path: string; bytes: Buffer }>;
}

/** The ports a bundle is built through: the local files, the stores, and the previous release's manifest. */
export interface BuildBundleIo {
  bundleFiles: BundleFiles;
  stores: StoreOpener;
  previousManifests: PreviousManifestReader;
}

/** What was built and, with a store, published. */
export interface BuiltBundle {
  outDir: string;
  manifest: EvidenceManifest;
  manifestSha256: string;
  signed: boolean;
  published?: { url: string; objects: StoredObject[]; alreadyPresent: boolean };
}

/** Evidence reports larger than this are bundled but not opened to learn their kind. */
const MAX_REPORT_BYTES = 25 * 1024 * 1024;

/**
 * Builds a release evidence bundle as a draft folder that becomes `outDir` once complete, so
 * `outDir` is either absent or whole: every artifact copied in and hashed from the bytes of the copy,
 * read once (the manifest describes exactly the bytes shipped), the manifest, and its signature. Then, with a store,
 * publishes it there manifest last.
 */
export async function buildBundle(input: BuildBundleInput, io: BuildBundleIo): Promise<BuiltBundle> {
  checkReleaseTag(input.release);
  // The store first: a wrong URL, expired retention settings or a bucket that cannot lock fail before any work.
  const store = input.store ? (await io.stores.open(input.store)).at(input.release) : undefined;
  await store?.preflight();
  const files = await io.bundleFiles.collect(input.artifactsDir);
  const extra = input.extraFiles ?? [];
  const clash = files.find((f) => extra.some((e) => e.path === f.path || e.path.startsWith(`${f.path}/`) || f.path.startsWith(`${e.path}/`)));
  if (clash) throw new MaestroError('ARTIFACT_REFUSED', `artifact ${clash.path} takes a path of the evidence pack`, { file: clash.path, remedy: 'rename it or move it out of pack/ in the artifacts folder: maestro writes pack/ itself.' });
  const previous = await findPrevious(input, io);
  const draft = await io.bundleFiles.draft(input.outDir);
  try {
    const artifacts: ManifestArtifact[] = [];
    const reports: Array<{ path: string; report: EvidenceReport }> = [];
    // All artifacts are asked for at once: the draft copies several at a time. A failure is reported in
    // path order, and the draft's discard (below) stops the copies still queued or running.
    const copies = files.map((file) => draft.add(file));
    for (const copy of copies) copy.catch(() => undefined);
    for (const [i, file] of files.entries()) {
      const digest = await copies[i]!;
      const report = file.path.toLowerCase().endsWith('.json') && digest.size <= MAX_REPORT_BYTES ? await readReport(await draft.read(file.path), file.path) : undefined;
      if (report) reports.push({ path: file.path, report });
      artifacts.push({ path: file.path, ...digest, ...(report ? { kind: report.kind } : {}) });
    }
    for (const file of extra) {
      checkBundlePath(file.path);
      await draft.write(file.path, file.bytes);
      const report = file.path.toLowerCase().endsWith('.json') && file.bytes.length <= MAX_REPORT_BYTES ? await readReport(file.bytes, file.path) : undefined;
      // Counted in the gate summary as the verifier counts every decision log of the bundle.
      if (report) reports.push({ path: file.path, report });
      artifacts.push({ path: file.path, sha256: sha256Hex(file.bytes), size: file.bytes.length, ...(report ? { kind: report.kind } : {}) });
    }
    const manifest = buildManifest({ ...input, artifacts, previous, gates: summarizeGates(reports, input.commit), signed: input.signer !== undefined });
    const manifestBytes = serializeManifest(manifest);
    await draft.write(MANIFEST_FILE, manifestBytes);
    if (input.signer) {
      const signature = await input.signer.sign(buildStatement(manifestBytes, manifest));
      await draft.write(SIGNATURE_FILE, Buffer.from(`${JSON.stringify(signature)}\n`));
    }
    await draft.save();
    const built: BuiltBundle = { outDir: draft.dir, manifest, manifestSha256: sha256Hex(manifestBytes), signed: input.signer !== undefined };
    if (store) built.published = await publishBundle(store, draft.dir, manifest, manifestBytes, io.bundleFiles);
    return built;
  } finally {
    await draft.discard();
  }
}

async function findPrevious(input: BuildBundleInput, io: BuildBundleIo): Promise<ReleaseLink | null> {
  if (input.previous && input.previousRelease) throw new MaestroError('USAGE', 'the previous release is given twice (a manifest and a tag)', { remedy: 'pass one of them.' });
  if (input.previousRelease) {
    if (!input.store) throw new MaestroError('USAGE', `previous release ${input.previousRelease} can only be found in a store`, { remedy: 'pass the store too, or the previous manifest itself.' });
    return io.previousManifests.read((await io.stores.open(input.store)).at(input.previousRelease));
  }
  return input.previous ? io.previousManifests.read(input.previous) : null;
}

async function readReport(bytes: Buffer, name: string): Promise<EvidenceReport | undefined> {
  const [item] = await parseEvidenceFiles([{ bytes, path: name }]);
  return item?.status === 'valid' ? item.report : undefined;
}
