import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { OperationFile } from '../../core/gates/schema-diff/check-persisted-operations.js';
import type { OperationFiles } from '../../core/ports/operation-files.js';
import { readInputFile } from './read-input-file.js';

/** Bounds on a folder of persisted operations. */
export const OPERATION_LIMITS = { maxFiles: 10_000, maxFileBytes: 1024 * 1024, maxDepth: 8 };

/** Reads every `.graphql` and `.gql` file under `dir` in path order; symbolic links are refused, not followed. */
export async function readOperationFiles(dir: string): Promise<OperationFile[]> {
  const info = await lstat(dir).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `operations folder ${dir} does not exist`, { file: dir, remedy: 'pass the folder of persisted operations (.graphql files).', cause });
  });
  if (!info.isDirectory()) throw new MaestroError('NOT_A_FILE', `operations folder ${dir} is not a folder`, { file: dir, remedy: 'pass a folder; every .graphql file under it is checked.' });
  const paths: string[] = [];
  await walk(dir, dir, 0, paths);
  paths.sort();
  const files: OperationFile[] = [];
  for (const path of paths) files.push({ path: `${dir.replace(/\/+$/, '')}/${path}`, text: (await readInputFile(join(dir, path), 'operations file', OPERATION_LIMITS.maxFileBytes)).toString('utf8') });
  return files;
}

/** The OperationFiles port over a local folder. */
export const fsOperationFiles: OperationFiles = { readFolder: readOperationFiles };

async function walk(root: string, dir: string, depth: number, out: string[]): Promise<void> {
  if (depth > OPERATION_LIMITS.maxDepth) throw new MaestroError('TOO_MANY_FILES', `operations folder ${root} nests deeper than ${OPERATION_LIMITS.maxDepth} levels`, { file: dir, remedy: 'flatten the folder.' });
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, depth + 1, out);
    else if (/\.(graphql|gql)$/i.test(entry.name)) {
      if (entry.isSymbolicLink()) throw new MaestroError('SYMLINK_REFUSED', `operations file ${full} is a symbolic link`, { file: full, remedy: 'replace the link by the file; links are not followed.' });
      out.push(relative(root, full).split(sep).join('/'));
      if (out.length > OPERATION_LIMITS.maxFiles) throw new MaestroError('TOO_MANY_FILES', `operations folder ${root} holds more than ${OPERATION_LIMITS.maxFiles} operation files`, { file: root, remedy: 'pass the folder of persisted operations only.' });
    }
  }
}
