import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { BundleDraft } from '../../core/ports/bundle-files.js';
import { startCopier } from './copy-hashed.js';

/**
 * Starts the bundle folder `outDir` as a staging folder beside it (`.<name>.<pid>.partial`), which
 * `save()` renames to `outDir`: a reader never sees half a bundle, and a failed build leaves nothing.
 * Each artifact is copied in read-only, never over a file, and hashed from the copy's bytes, on copier
 * threads (adapters/fs/copy-hashed.ts), several files at once: where the file system clones files
 * (copy-on-write: XFS, Btrfs, APFS) the clone is made and then hashed; elsewhere (ext4, or across file
 * systems) each chunk of the source is read once, hashed and written from the same buffer.
 */
export async function draftBundleFolder(outDir: string): Promise<BundleDraft> {
  const dir = resolve(outDir);
  await checkOutDir(dir);
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const copier = startCopier();
  const folders = new Set<string>([tmp]);
  return {
    dir,
    async add(file) {
      const target = join(tmp, file.path);
      const folder = dirname(target);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      const { sha256, size } = await copier.copy(file.source, target, file.path);
      return { sha256, size };
    },
    read: (path) => readFile(join(tmp, path)),
    write: async (path, bytes) => {
      // The evidence pack's files lie in subfolders (pack/pulls/12/...).
      await mkdir(dirname(join(tmp, path)), { recursive: true });
      await writeFile(join(tmp, path), bytes, { mode: 0o444, flag: 'wx' });
    },
    async save() {
      await rmdir(dir).catch(() => undefined);
      await rename(tmp, dir);
    },
    async discard() {
      // Copies still queued or running stop before the folder goes, so nothing is written after it.
      await copier.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

async function checkOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory() || (await readdir(outDir)).length > 0) {
    throw new MaestroError('USAGE', `output folder ${outDir} already exists and is not empty`, { file: outDir, remedy: 'pass a new or empty folder to --out; a bundle is never written over another.' });
  }
}
