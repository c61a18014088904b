import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { PackageFiles } from '../../core/ports/package-files.js';
import { findPackageRoot } from './find-package-root.js';

/** The PackageFiles port over the installed maestro package (found from the code's own location, or `root`). */
export function fsPackageFiles(root: string = findPackageRoot()): PackageFiles {
  return {
    read: async (path) => {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch (cause) {
        throw new MaestroError('FILE_NOT_FOUND', `the maestro package in ${root} has no ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file: join(root, path), remedy: 'reinstall maestro: its package is incomplete (package.json "files" must ship templates/).', cause });
      }
    },
  };
}
