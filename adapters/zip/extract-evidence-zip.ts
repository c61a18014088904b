import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { EvidenceFile } from '../../core/evidence/parse-evidence.js';
import type { InvalidEvidence } from '../../core/evidence/types.js';
import { sha256Hex } from '../../core/util/sha256.js';

/** Bounds on one artifact zip: they keep a zip bomb or a flood of entries from exhausting the machine. */
export interface ZipLimits {
  /** Most entries (files and folders) in the zip. */
  maxEntries: number;
  /** Largest uncompressed evidence file. */
  maxEntryBytes: number;
  /** Most uncompressed bytes read from the zip in all. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio of an entry; real JSON reports compress 5-20x. */
  maxRatio: number;
}

/** Defaults matched to the evidence folder limits of the CLI. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 25 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxRatio: 200 };

/** The evidence files of an artifact, and the entries (or the whole artifact) refused, each with the reason. */
export interface ExtractedArtifact {
  files: EvidenceFile[];
  problems: InvalidEvidence[];
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UNIX = 3;

/**
 * Extracts the `*.json` entries of a workflow artifact zip in memory, for parsing as evidence.
 * Refuses, entry by entry: absolute paths, `..` segments and backslashes, symbolic links,
 * encrypted entries, entries above the size or compression-ratio limits. Declared sizes are
 * checked against the bytes actually inflated, and inflation stops at the limits, so memory stays
 * bounded whatever the zip claims. A zip that cannot be read at all, or has too many entries, is
 * one problem for the whole artifact. Other entries (screenshots, logs) are skipped unread.
 */
export async function extractEvidenceZip(zip: Buffer, artifact: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ExtractedArtifact> {
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
  if (zipfile.entryCount > limits.maxEntries) {
    zipfile.close();
    return whole('ZIP_LIMIT', `the artifact has ${zipfile.entryCount} entries, more than the limit of ${limits.maxEntries}`);
  }
  const out: ExtractedArtifact = { files: [], problems: [] };
  let total = 0;
  try {
    for (let entry = await nextEntry(zipfile); entry; entry = await nextEntry(zipfile)) {
      const name = entryName(entry);
      const path = `${artifact}/${name}`;
      const refuse = (code: string, text: string, size = entry!.uncompressedSize): void => {
        out.problems.push({ status: 'invalid', ref: { path, sha256: '', size }, code, issues: [{ pointer: '', message: text }] });
      };
      const unsafe = unsafePath(name);
      if (unsafe) {
        refuse('ZIP_UNSAFE_PATH', `the entry name ${JSON.stringify(name.slice(0, 200))} ${unsafe}; entries must be relative paths inside the artifact`);
        continue;
      }
      if (name.endsWith('/') || !name.toLowerCase().endsWith('.json')) continue;
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
      if (total + entry.uncompressedSize > limits.maxTotalBytes) {
        refuse('ZIP_LIMIT', `reading this entry would take the artifact past ${limits.maxTotalBytes} uncompressed bytes in all`);
        continue;
      }
      try {
        const bytes = await readEntry(zipfile, entry, limits.maxEntryBytes);
        total += bytes.byteLength;
        out.files.push({ bytes, path });
      } catch (error) {
        refuse('ZIP_INVALID', `the entry cannot be inflated as declared: ${message(error)}`);
      }
    }
  } catch (error) {
    zipfile.close();
    return whole('ZIP_INVALID', `the artifact zip is corrupt or inconsistent: ${message(error)}`);
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  out.problems.sort((a, b) => (a.ref.path < b.ref.path ? -1 : a.ref.path > b.ref.path ? 1 : 0));
  return out;
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

/** Inflates one entry, stopping as soon as it passes `maxBytes` whatever its header declared. */
function readEntry(zipfile: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) {
          stream.destroy(new Error(`the entry inflates past ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
