import { lstatSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { parseEvidenceFiles, type EvidenceFile } from '../../core/evidence/parse-evidence.js';
import type { EvidenceItem, InvalidEvidence } from '../../core/evidence/types.js';
import { hashFile } from './hash-file.js';
import { readBoundedSync } from './read-input-file.js';

/** Bounds on an evidence folder: they keep a hostile or runaway folder from exhausting the machine. */
export interface EvidenceLimits {
  /** Largest single report read; larger files become `invalid` without being read. */
  maxFileBytes: number;
  /** Most `.json` files considered. */
  maxFiles: number;
  /** Deepest folder nesting walked. */
  maxDepth: number;
}

/** Default limits: generous for real reports (an a11y report with thousands of violations is a few MB). */
export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { maxFileBytes: 25 * 1024 * 1024, maxFiles: 2000, maxDepth: 8 };

/**
 * Reads every `*.json` file under `dir` as an evidence report, in path order. Symlinks and
 * oversized files become `invalid` items (never followed, never read whole); other files
 * (screenshots, logs) are not evidence and are skipped.
 */
export async function readEvidenceDir(dir: string, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS): Promise<EvidenceItem[]> {
  const root = await lstat(dir).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `evidence folder ${dir} does not exist`, { file: dir, remedy: 'pass the folder that holds the evidence reports (*.json).', cause });
  });
  if (!root.isDirectory()) throw new MaestroError('NOT_A_FILE', `evidence folder ${dir} is not a folder`, { file: dir, remedy: 'pass a folder; the gate reads every *.json file under it.' });
  const files: Array<{ path: string; symlink: boolean }> = [];
  await walk(dir, dir, 0, limits, files);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const read: Array<EvidenceFile | InvalidEvidence> = [];
  for (const file of files) read.push(await readOne(dir, file, limits));
  const parsed = await parseEvidenceFiles(read.filter((r): r is EvidenceFile => !('status' in r)));
  // Back in path order, with the files refused before parsing in their places.
  let next = 0;
  return read.map((r) => ('status' in r ? r : parsed[next++]!));
}

async function walk(root: string, dir: string, depth: number, limits: EvidenceLimits, out: Array<{ path: string; symlink: boolean }>): Promise<void> {
  if (depth > limits.maxDepth) {
    throw new MaestroError('TOO_MANY_FILES', `evidence folder ${root} nests deeper than ${limits.maxDepth} levels at ${dir}`, { file: dir, remedy: 'flatten the evidence folder; reports are found at any depth up to the limit.' });
  }
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(root, full, depth + 1, limits, out);
    } else if (entry.name.toLowerCase().endsWith('.json') && (entry.isFile() || entry.isSymbolicLink())) {
      out.push({ path: relative(root, full).split(sep).join('/'), symlink: entry.isSymbolicLink() });
      if (out.length > limits.maxFiles) {
        throw new MaestroError('TOO_MANY_FILES', `evidence folder ${root} holds more than ${limits.maxFiles} JSON files`, { file: root, remedy: 'pass the folder of one evaluation\'s reports only.' });
      }
    }
  }
}

async function readOne(root: string, file: { path: string; symlink: boolean }, limits: EvidenceLimits): Promise<EvidenceFile | InvalidEvidence> {
  const full = join(root, file.path);
  const info = lstatSync(full);
  if (file.symlink || !info.isFile()) {
    return { status: 'invalid', ref: { path: file.path, sha256: '', size: 0 }, code: 'SYMLINK_REFUSED', issues: [{ pointer: '', message: 'evidence files must be regular files; symbolic links are not followed' }] };
  }
  const bytes = info.size > limits.maxFileBytes ? undefined : readBoundedSync(full, limits.maxFileBytes);
  if (bytes === undefined) {
    const size = lstatSync(full).size;
    return {
      status: 'invalid',
      ref: { path: file.path, sha256: (await hashFile(full)).sha256, size },
      code: 'FILE_TOO_LARGE',
      issues: [{ pointer: '', message: `the file is ${size} bytes, more than the limit of ${limits.maxFileBytes} bytes for one evidence report` }],
    };
  }
  return { bytes, path: file.path };
}
