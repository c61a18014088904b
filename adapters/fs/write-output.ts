import { rename, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { MaestroError } from '../../core/errors.js';

/** Writes a file atomically: a temporary file beside it, then a rename, so no reader sees half a file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (cause) {
    throw new MaestroError('FILE_UNREADABLE', `cannot write ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file: path, remedy: 'check that the folder exists and is writable.', cause });
  }
}

/** Writes to stdout and resolves once the data is handed to the OS, so the exit code never cuts output short. */
export function printOut(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
