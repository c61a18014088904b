import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildManifest, checkReleaseTag, serializeManifest } from '../core/bundle/build-manifest.js';
import { buildStatement } from '../core/bundle/build-statement.js';
import { summarizeGates } from '../core/bundle/summarize-gates.js';
import { MANIFEST_FILE, SIGNATURE_FILE, type EvidenceManifest, type ManifestArtifact } from '../core/bundle/types.js';
import { MaestroError } from '../core/errors.js';
import { parseEvidenceFiles } from '../core/evidence/parse-evidence.js';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import { sha256Hex } from '../core/util/sha256.js';
import { collectArtifacts } from '../adapters/fs/collect-artifacts.js';
import { hashBuffers, hashFile } from '../adapters/fs/hash-file.js';
import { readPreviousManifest } from '../adapters/store/read-previous-manifest.js';
import { signStatement, type SignMode } from '../adapters/sigstore/sign-statement.js';
import type { StoredObject } from '../core/ports/evidence-store.js';
import { openStore } from '../adapters/store/open-store.js';
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
  sign?: SignMode;
  /** Store URL; the bundle is published under `<store>/<release>/`. */
  store?: string;
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
 * Builds a release evidence bundle in a sibling temporary folder and renames it to `outDir` once
 * complete, so `outDir` is either absent or whole: every artifact copied and hashed from the copy
 * (the manifest describes exactly the bytes shipped), the manifest, and its signature. Then, with a
 * store, publishes it there manifest last.
 */
export async function buildBundle(input: BuildBundleInput): Promise<BuiltBundle> {
  checkReleaseTag(input.release);
  // The store first: a wrong URL, expired retention settings or a bucket that cannot lock fail before any work.
  const store = input.store ? (await openStore(input.store)).at(input.release) : undefined;
  await store?.preflight();
  const files = await collectArtifacts(input.artifactsDir);
  const previous = await findPrevious(input);
  const outDir = resolve(input.outDir);
  await checkOutDir(outDir);
  const tmp = join(dirname(outDir), `.${basename(outDir)}.${process.pid}.partial`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp, { recursive: true });
    const artifacts: ManifestArtifact[] = [];
    const reports: Array<{ path: string; report: EvidenceReport }> = [];
    const buffers = hashBuffers();
    for (const file of files) {
      const target = join(tmp, file.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file.source, target, constants.COPYFILE_EXCL).catch((cause: NodeJS.ErrnoException) => {
        throw new MaestroError('FILE_UNREADABLE', `artifact ${file.path} cannot be read (${cause.code})`, { file: file.source, remedy: 'check the file\'s permissions; every file of the artifacts folder must be readable.', cause });
      });
      const digest = await hashFile(target, buffers);
      await chmod(target, 0o444);
      const report = file.path.toLowerCase().endsWith('.json') && digest.size <= MAX_REPORT_BYTES ? await readReport(target, file.path) : undefined;
      if (report) reports.push({ path: file.path, report });
      artifacts.push({ path: file.path, ...digest, ...(report ? { kind: report.kind } : {}) });
    }
    const manifest = buildManifest({ ...input, artifacts, previous, gates: summarizeGates(reports, input.commit), signed: input.sign !== undefined });
    const manifestBytes = serializeManifest(manifest);
    await writeFile(join(tmp, MANIFEST_FILE), manifestBytes, { mode: 0o444 });
    if (input.sign) {
      const signature = await signStatement(buildStatement(manifestBytes, manifest), input.sign);
      await writeFile(join(tmp, SIGNATURE_FILE), `${JSON.stringify(signature)}\n`, { mode: 0o444 });
    }
    await rmdir(outDir).catch(() => undefined);
    await rename(tmp, outDir);
    const built: BuiltBundle = { outDir, manifest, manifestSha256: sha256Hex(manifestBytes), signed: input.sign !== undefined };
    if (store) built.published = await publishBundle(store, outDir, manifest, manifestBytes);
    return built;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function findPrevious(input: BuildBundleInput): Promise<{ sha256: string; release: string } | null> {
  if (input.previous && input.previousRelease) throw new MaestroError('USAGE', 'the previous release is given twice (a manifest and a tag)', { remedy: 'pass one of them.' });
  if (input.previousRelease) {
    if (!input.store) throw new MaestroError('USAGE', `previous release ${input.previousRelease} can only be found in a store`, { remedy: 'pass the store too, or the previous manifest itself.' });
    return readPreviousManifest((await openStore(input.store)).at(input.previousRelease));
  }
  return input.previous ? readPreviousManifest(input.previous) : null;
}

async function checkOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory() || (await readdir(outDir)).length > 0) {
    throw new MaestroError('USAGE', `output folder ${outDir} already exists and is not empty`, { file: outDir, remedy: 'pass a new or empty folder to --out; a bundle is never written over another.' });
  }
}

async function readReport(path: string, name: string): Promise<EvidenceReport | undefined> {
  const [item] = await parseEvidenceFiles([{ bytes: await readFile(path), path: name }]);
  return item?.status === 'valid' ? item.report : undefined;
}
