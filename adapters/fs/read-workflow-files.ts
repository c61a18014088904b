import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_WORKFLOW_BYTES } from '../../core/drift/parse-workflow.js';
import type { WorkflowFile } from '../../core/drift/types.js';
import { MaestroError } from '../../core/errors.js';
import { readInputFile } from './read-input-file.js';

/** Most workflow files read from one folder. */
export const MAX_WORKFLOW_FILES = 500;

/** Workflow files read from a file or a folder, and where they live on disk. */
export interface WorkflowSource {
  files: WorkflowFile[];
  /** True when the user named one file. */
  single: boolean;
  /** The file, or the folder the workflows are (or would be) in. */
  location: string;
}

/**
 * Reads workflows from a file, a workflows folder, or a repository checkout (a folder with `.git`
 * or `.github`: its `.github/workflows/*.yml`). Files are named `.github/workflows/<name>` in
 * reports when read from a checkout or folder. Symbolic links are skipped, sizes and counts bounded.
 */
export async function readWorkflowFiles(path: string, what: string): Promise<WorkflowSource> {
  const info = await stat(path).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `${what} ${path} does not exist`, { file: path, remedy: 'pass a workflow file, a folder of workflows, or a repository checkout.', cause });
  });
  if (!info.isDirectory()) {
    const bytes = await readInputFile(path, what, MAX_WORKFLOW_BYTES);
    return { files: [{ path, text: bytes.toString('utf8') }], single: true, location: path };
  }
  const isCheckout = (await exists(join(path, '.git'))) || (await exists(join(path, '.github')));
  const dir = isCheckout ? join(path, '.github', 'workflows') : path;
  if (!(await exists(dir))) return { files: [], single: false, location: dir };
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => e.name).sort();
  if (names.length > MAX_WORKFLOW_FILES) throw new MaestroError('TOO_MANY_FILES', `${what} ${dir} holds ${names.length} workflow files, more than ${MAX_WORKFLOW_FILES}`, { file: dir, remedy: 'pass the folder that holds the workflows only.' });
  const files: WorkflowFile[] = [];
  for (const name of names) {
    const bytes = await readInputFile(join(dir, name), what, MAX_WORKFLOW_BYTES);
    files.push({ path: `.github/workflows/${name}`, text: bytes.toString('utf8') });
  }
  return { files, single: false, location: dir };
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
