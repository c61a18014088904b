import { lstatSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isMaestroError, MaestroError } from '../../core/errors.js';
import { parseEvidenceFiles, type EvidenceFile } from '../../core/evidence/parse-evidence.js';
import type { EvidenceItem, InvalidEvidence } from '../../core/evidence/types.js';
import { formatBytes } from '../../core/util/format-bytes.js';
import { describeFileType, readBoundedSync } from './read-input-file.js';

/** Bounds on an evidence folder: they keep a hostile or runaway folder from exhausting the machine. */
export interface EvidenceLimits {
  /** Largest single report read; larger files become `invalid` by their size, without being read or hashed. */
  maxFileBytes: number;
  /** Most `.json` files (and refused entries) considered. */
  maxFiles: number;
  /** Deepest folder nesting walked. */
  maxDepth: number;
}

/** Default limits: generous for real reports (an a11y report with thousands of violations is a few MB). */
export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { maxFileBytes: 25 * 1024 * 1024, maxFiles: 2000, maxDepth: 8 };

/** An entry of the folder: a report to read, or one refused while listing, with the reason. */
type Listed = { path: string; refused?: InvalidEvidence };

/**
 * Reads every `*.json` file under `dir` as an evidence report, in path order. Oversized files
 * become `invalid` by their size on disk, never read nor hashed. Entries that are not regular
 * files become `invalid` items naming what they are, never opened (reading a named pipe would hang
 * the gate): named pipes, sockets and devices whatever their name, symbolic links to folders
 * (never followed), and `*.json` symbolic links (never followed; the message says when they point
 * outside the folder). Other regular files (screenshots, logs) are not evidence and are skipped.
 */
export async function readEvidenceDir(dir: string, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS): Promise<EvidenceItem[]> {
  const root = await lstat(dir).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `evidence folder ${dir} does not exist`, { file: dir, remedy: 'pass the folder that holds the evidence reports (*.json).', cause });
  });
  if (!root.isDirectory()) throw new MaestroError('NOT_A_FILE', `evidence folder ${dir} is not a folder`, { file: dir, remedy: 'pass a folder; the gate reads every *.json file under it.' });
  const listed: Listed[] = [];
  await walk(dir, await realpath(dir), dir, 0, limits, listed);
  listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const read: Array<EvidenceFile | InvalidEvidence> = [];
  for (const entry of listed) read.push(entry.refused ?? readOne(dir, entry.path, limits));
  const parsed = await parseEvidenceFiles(read.filter((r): r is EvidenceFile => !('status' in r)));
  // Back in path order, with the files refused before parsing in their places.
  let next = 0;
  return read.map((r) => ('status' in r ? r : parsed[next++]!));
}

async function walk(root: string, realRoot: string, dir: string, depth: number, limits: EvidenceLimits, out: Listed[]): Promise<void> {
  if (depth > limits.maxDepth) {
    throw new MaestroError('TOO_MANY_FILES', `evidence folder ${root} nests deeper than ${limits.maxDepth} levels at ${dir}`, { file: dir, remedy: 'flatten the evidence folder; reports are found at any depth up to the limit.' });
  }
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join('/');
    const json = entry.name.toLowerCase().endsWith('.json');
    if (entry.isDirectory()) {
      await walk(root, realRoot, full, depth + 1, limits, out);
      continue;
    }
    let item: Listed | undefined;
    if (entry.isSymbolicLink()) {
      // stat follows the link without opening its target, so a link to a named pipe cannot hang here either.
      const target = await stat(full).catch(() => undefined);
      if (target?.isDirectory()) {
        item = refused(path, 'SYMLINK_REFUSED', 'a symbolic link to a folder; linked folders are not followed, so the reports in it were not read');
      } else if (json) {
        item = refused(path, 'SYMLINK_REFUSED', `${await linkTarget(full, realRoot)}; evidence files must be regular files, and symbolic links are not followed`);
      }
    } else if (entry.isFile()) {
      if (json) item = { path };
    } else {
      item = refused(path, 'NOT_A_FILE', `${describeFileType(entry)}, not a regular file; it was not opened (evidence files must be regular files)`);
    }
    if (!item) continue;
    out.push(item);
    if (out.length > limits.maxFiles) {
      throw new MaestroError('TOO_MANY_FILES', `evidence folder ${root} holds more than ${limits.maxFiles} JSON files`, { file: root, remedy: 'pass the folder of one evaluation\'s reports only.' });
    }
  }
}

/** Where a symbolic link points, for its refusal: outside the folder, inside it, or nowhere. */
async function linkTarget(full: string, realRoot: string): Promise<string> {
  const target = await realpath(full).catch(() => undefined);
  if (target === undefined) return 'a symbolic link to nothing';
  if (target === realRoot || target.startsWith(realRoot + sep)) return `a symbolic link to ${relative(realRoot, target).split(sep).join('/')} in the evidence folder`;
  return 'a symbolic link pointing outside the evidence folder';
}

function refused(path: string, code: string, message: string, size = 0): Listed {
  return { path, refused: { status: 'invalid', ref: { path, sha256: '', size }, code, issues: [{ pointer: '', message: `the entry is ${message}` }] } };
}

function readOne(root: string, path: string, limits: EvidenceLimits): EvidenceFile | InvalidEvidence {
  const full = join(root, path);
  // The size on disk decides before anything is read: a sparse 10 GB file is refused in a millisecond, never hashed.
  const info = lstatSync(full);
  if (!info.isFile()) return refused(path, info.isSymbolicLink() ? 'SYMLINK_REFUSED' : 'NOT_A_FILE', `${describeFileType(info)} (it changed after the folder was listed); it was not opened`).refused!;
  if (info.size > limits.maxFileBytes) return tooLarge(path, info.size, limits);
  let bytes: Buffer | undefined;
  try {
    bytes = readBoundedSync(full, limits.maxFileBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return refused(path, 'SYMLINK_REFUSED', 'a symbolic link (it changed after the folder was listed); it was not followed').refused!;
    if (isMaestroError(error)) return refused(path, error.code, `${error.message.replace(`${full} is `, '')}`).refused!;
    throw error;
  }
  return bytes === undefined ? tooLarge(path, lstatSync(full).size, limits) : { bytes, path };
}

function tooLarge(path: string, size: number, limits: EvidenceLimits): InvalidEvidence {
  return {
    status: 'invalid',
    ref: { path, sha256: '', size },
    code: 'FILE_TOO_LARGE',
    issues: [{ pointer: '', message: `the file is ${size} bytes, more than the limit of ${limits.maxFileBytes} bytes (${formatBytes(limits.maxFileBytes)}) for one evidence report; it was not read. Split the report, or leave the file out of the evidence folder` }],
  };
}
