import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { EvidenceFile } from '../../core/evidence/parse-evidence.js';
import type { InvalidEvidence } from '../../core/evidence/types.js';
import { formatBytes } from '../../core/util/format-bytes.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { InflateBudget, MAX_ARTIFACT_INFLATED_BYTES } from './inflate-budget.js';

export { InflateBudget, MAX_ARTIFACT_INFLATED_BYTES, MAX_EVALUATION_INFLATED_BYTES } from './inflate-budget.js';

/** Bounds on one artifact zip: they keep a zip bomb or a flood of entries from exhausting the machine. */
export interface ZipLimits {
  /** Most entries (files and folders) in the zip. */
  maxEntries: number;
  /** Largest uncompressed evidence file. */
  maxEntryBytes: number;
  /** Most bytes inflated from the zip in all, counted as they stream (`MAX_ARTIFACT_INFLATED_BYTES`). */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio of an entry; real JSON reports compress 5-20x. */
  maxRatio: number;
}

/** Defaults matched to the evidence folder limits of the CLI. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 25 * 1024 * 1024, maxTotalBytes: MAX_ARTIFACT_INFLATED_BYTES, maxRatio: 200 };

/** The evidence files of an artifact, and the entries (or the whole artifact) refused, each with the reason. */
export interface ExtractedArtifact {
  files: EvidenceFile[];
  problems: InvalidEvidence[];
  /**
   * Set when inflation stopped because a budget ran out. `evaluation`: the evaluation's shared
   * budget, not the artifact itself, so the outcome must not be cached as the artifact's.
   */
  stopped?: 'artifact' | 'evaluation';
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UNIX = 3;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const UPLOAD_REMEDY = 'upload only the JSON reports in evidence artifacts, with actions/upload-artifact';

/** Inflation stopped because a budget ran out: the artifact's own, or the evaluation's shared one. */
class BudgetExhausted extends Error {
  constructor(readonly scope: 'artifact' | 'evaluation') {
    super(`the ${scope} inflate budget is used up`);
  }
}

/**
 * Extracts the `*.json` entries of a workflow artifact zip in memory, for parsing as evidence.
 * Refuses the whole artifact, before inflating anything, when it cannot be read, has too many
 * entries, or has entries whose bytes overlap (several entries sharing one compressed stream: the
 * overlapping-files zip bomb). Refuses, entry by entry: absolute paths, `..` segments and
 * backslashes, symbolic links, encrypted entries, entries above the size or compression-ratio
 * limits. Inflated bytes are counted as they stream against the entry's limit, the artifact's
 * (`limits.maxTotalBytes`) and the evaluation's `budget`, shared by all its artifacts; when either
 * budget runs out, inflation stops and the rest of the artifact is one problem naming it. Declared
 * sizes are checked against the bytes actually inflated, so memory stays bounded whatever the zip
 * claims. Other entries (screenshots, logs) are skipped unread.
 */
export async function extractEvidenceZip(zip: Buffer, artifact: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, budget: InflateBudget = new InflateBudget()): Promise<ExtractedArtifact> {
  const whole = (code: string, message: string): ExtractedArtifact => ({
    files: [],
    problems: [{ status: 'invalid', ref: { path: artifact, sha256: sha256Hex(zip), size: zip.byteLength }, code, issues: [{ pointer: '', message }] }],
  });
  let zipfile: ZipFile;
  try {
    zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    return whole('ZIP_INVALID', `the artifact is not a readable zip: ${message(error)}`);
  }
  try {
    if (zipfile.entryCount > limits.maxEntries) {
      return whole('ZIP_LIMIT', `the artifact has ${zipfile.entryCount} entries, more than the limit of ${limits.maxEntries}; ${UPLOAD_REMEDY}`);
    }
    const entries: Entry[] = [];
    try {
      for (let entry = await nextEntry(zipfile); entry; entry = await nextEntry(zipfile)) entries.push(entry);
    } catch (error) {
      return whole('ZIP_INVALID', `the artifact zip is corrupt or inconsistent: ${message(error)}`);
    }
    const overlap = findOverlap(zip, entries);
    if (overlap) return whole(overlap.code, `${overlap.message}; nothing was inflated. Re-create the artifact with actions/upload-artifact, which never writes such zips`);
    return await extractEntries(zipfile, entries, artifact, limits, budget, whole);
  } finally {
    zipfile.close();
  }
}

async function extractEntries(zipfile: ZipFile, entries: Entry[], artifact: string, limits: ZipLimits, budget: InflateBudget, whole: (code: string, message: string) => ExtractedArtifact): Promise<ExtractedArtifact> {
  const out: ExtractedArtifact = { files: [], problems: [] };
  let total = 0;
  for (const [index, entry] of entries.entries()) {
    const name = entryName(entry);
    const path = `${artifact}/${name}`;
    const refuse = (code: string, text: string, size = entry.uncompressedSize): void => {
      out.problems.push({ status: 'invalid', ref: { path, sha256: '', size }, code, issues: [{ pointer: '', message: text }] });
    };
    const unsafe = unsafePath(name);
    if (unsafe) {
      refuse('ZIP_UNSAFE_PATH', `the entry name ${JSON.stringify(name.slice(0, 200))} ${unsafe}; entries must be relative paths inside the artifact`);
      continue;
    }
    if (!isJsonEntry(name)) continue;
    if (entry.versionMadeBy >> 8 === UNIX && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
      refuse('ZIP_SYMLINK', 'the entry is a symbolic link; evidence files must be regular files');
      continue;
    }
    if (entry.isEncrypted()) {
      refuse('ZIP_INVALID', 'the entry is encrypted; evidence cannot be read from it');
      continue;
    }
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      refuse('FILE_TOO_LARGE', `the entry is ${entry.uncompressedSize} bytes uncompressed, more than the limit of ${limits.maxEntryBytes} bytes for one evidence report`);
      continue;
    }
    if (entry.uncompressedSize > Math.max(1, entry.compressedSize) * limits.maxRatio && entry.uncompressedSize > 1024 * 1024) {
      refuse('ZIP_RATIO', `the entry inflates ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (${entry.compressedSize} to ${entry.uncompressedSize} bytes), above the limit of ${limits.maxRatio}: a zip bomb or not evidence`);
      continue;
    }
    // Declared sizes first (an honest zip stops before inflating anything), then the bytes as they stream.
    let exhausted: BudgetExhausted['scope'] | undefined = total + entry.uncompressedSize > limits.maxTotalBytes ? 'artifact' : entry.uncompressedSize > budget.remaining ? 'evaluation' : undefined;
    if (!exhausted) {
      try {
        const bytes = await readEntry(zipfile, entry, limits.maxEntryBytes, limits.maxTotalBytes - total, budget);
        total += bytes.byteLength;
        out.files.push({ bytes, path });
        continue;
      } catch (error) {
        if (!(error instanceof BudgetExhausted)) {
          refuse('ZIP_INVALID', `the entry cannot be inflated as declared: ${message(error)}`);
          continue;
        }
        exhausted = error.scope;
      }
    }
    const unread = entries.slice(index).filter((e) => isJsonEntry(entryName(e)) && !unsafePath(entryName(e))).length;
    const stopped = `inflation stopped at ${name}, and ${unread} JSON ${unread === 1 ? 'entry was' : 'entries were'} not read`;
    const problem = exhausted === 'artifact'
      ? whole('ZIP_LIMIT', `the artifact inflates past its limit of ${formatBytes(limits.maxTotalBytes)}: ${stopped}; ${UPLOAD_REMEDY}, and split reports that are really this large across artifacts`)
      : whole('ZIP_LIMIT', `the evidence artifacts of this evaluation inflate past ${formatBytes(budget.limit)} in all: ${stopped}; ${UPLOAD_REMEDY}, in fewer and smaller artifacts`);
    out.problems.push(...problem.problems);
    out.stopped = exhausted;
    break;
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  out.problems.sort((a, b) => (a.ref.path < b.ref.path ? -1 : a.ref.path > b.ref.path ? 1 : 0));
  return out;
}

/**
 * The first two entries whose bytes overlap, from the zip itself: each entry spans its local header
 * (30 bytes, name, extra field) and its compressed data. Entries of a real zip never share a byte;
 * a bomb points many entries at one compressed stream (David Fifield, "A better zip bomb", 2019).
 */
function findOverlap(zip: Buffer, entries: Entry[]): { code: string; message: string } | undefined {
  const spans: Array<{ start: number; end: number; name: string }> = [];
  for (const entry of entries) {
    const start = entry.relativeOffsetOfLocalHeader;
    const name = JSON.stringify(entryName(entry).slice(0, 200));
    if (start + 30 > zip.byteLength || zip.readUInt32LE(start) !== LOCAL_HEADER_SIGNATURE) {
      return { code: 'ZIP_INVALID', message: `the entry ${name} has no local header at offset ${start}: the artifact zip is corrupt` };
    }
    const end = start + 30 + zip.readUInt16LE(start + 26) + zip.readUInt16LE(start + 28) + entry.compressedSize;
    if (end > zip.byteLength) return { code: 'ZIP_INVALID', message: `the entry ${name} runs past the end of the artifact zip: it is corrupt` };
    spans.push({ start, end, name });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const overlapping = new Set<number>();
  let first: string | undefined;
  for (let i = 1, reach = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (span.start < spans[reach]!.end) {
      overlapping.add(reach).add(i);
      first ??= `${spans[reach]!.name} and ${span.name} share the bytes from offset ${span.start}`;
    }
    if (span.end > spans[reach]!.end) reach = i;
  }
  if (!first) return undefined;
  return { code: 'ZIP_OVERLAP', message: `the artifact is a zip bomb: ${overlapping.size} of its ${entries.length} entries overlap (${first}), so one compressed stream would be inflated again and again` };
}

function isJsonEntry(name: string): boolean {
  return !name.endsWith('/') && name.toLowerCase().endsWith('.json');
}

/** Why a zip entry name is unsafe to use as a path, or undefined when it is a plain relative path. */
export function unsafePath(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is absolute';
  if (name.split('/').some((segment) => segment === '..')) return 'climbs out with ..';
  return undefined;
}

function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw ?? Buffer.from(String(entry.fileName));
  // General purpose bit 11: the name is UTF-8; otherwise it is CP437, read here as Latin-1.
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

function nextEntry(zipfile: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zipfile.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (entry: Entry): void => { cleanup(); resolve(entry); };
    const onEnd = (): void => { cleanup(); resolve(undefined); };
    const onError = (error: Error): void => { cleanup(); reject(error); };
    zipfile.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zipfile.readEntry();
  });
}

/**
 * Inflates one entry, counting every chunk as it streams: it stops as soon as the entry passes
 * `maxBytes` whatever its header declared, or the artifact's `artifactLeft` or the evaluation's
 * `budget` runs out (then it fails with `BudgetExhausted`).
 */
function readEntry(zipfile: ZipFile, entry: Entry, maxBytes: number, artifactLeft: number, budget: InflateBudget): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        const withinBudget = budget.charge(chunk.byteLength);
        if (size > maxBytes) {
          stream.destroy(new Error(`the entry inflates past ${maxBytes} bytes`));
        } else if (size > artifactLeft) {
          stream.destroy(new BudgetExhausted('artifact'));
        } else if (!withinBudget) {
          stream.destroy(new BudgetExhausted('evaluation'));
        } else {
          chunks.push(chunk);
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
