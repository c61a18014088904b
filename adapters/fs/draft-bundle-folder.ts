import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { BundleDraft } from '../../core/ports/bundle-files.js';
import { hashBuffers, hashFile } from './hash-file.js';

/**
 * Starts the bundle folder `outDir` as a staging folder beside it (`.<name>.<pid>.partial`), which
 * `save()` renames to `outDir`: a reader never sees half a bundle, and a failed build leaves nothing.
 * Artifacts are copied in read-only and hashed from the copy, with two read buffers reused across files.
 */
export async function draftBundleFolder(outDir: string): Promise<BundleDraft> {
  const dir = resolve(outDir);
  await checkOutDir(dir);
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const buffers = hashBuffers();
  return {
    dir,
    async add(file) {
      const target = join(tmp, file.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file.source, target, constants.COPYFILE_EXCL).catch((cause: NodeJS.ErrnoException) => {
        throw new MaestroError('FILE_UNREADABLE', `artifact ${file.path} cannot be read (${cause.code})`, { file: file.source, remedy: 'check the file\'s permissions; every file of the artifacts folder must be readable.', cause });
      });
      const digest = await hashFile(target, buffers);
      await chmod(target, 0o444);
      return digest;
    },
    read: (path) => readFile(join(tmp, path)),
    write: (path, bytes) => writeFile(join(tmp, path), bytes, { mode: 0o444 }),
    async save() {
      await rmdir(dir).catch(() => undefined);
      await rename(tmp, dir);
    },
    discard: () => rm(tmp, { recursive: true, force: true }),
  };
}

async function checkOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory() || (await readdir(outDir)).length > 0) {
    throw new MaestroError('USAGE', `output folder ${outDir} already exists and is not empty`, { file: outDir, remedy: 'pass a new or empty folder to --out; a bundle is never written over another.' });
  }
}
