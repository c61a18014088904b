import { lstat, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { RepositoryFiles } from '../../core/ports/repository-files.js';

/**
 * The RepositoryFiles port over the working tree at `root`. `writeAll` stages every file as a
 * temporary file beside its target first, and only when all are staged renames them into place,
 * so a failure (a full disk, a read-only folder) leaves no half-written file and no partial set.
 */
export function fsRepositoryFiles(root: string): RepositoryFiles {
  const at = (path: string) => {
    const full = resolve(root, path);
    if (!full.startsWith(resolve(root) + sep)) throw new MaestroError('USAGE', `${path} is outside the repository ${root}`, { remedy: 'this is a bug in maestro; report it.' });
    return full;
  };
  return {
    exists: (path) => lstat(at(path)).then(() => true, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return false;
      throw new MaestroError('FILE_UNREADABLE', `cannot check ${join(root, path)} (${error.code ?? 'error'})`, { file: join(root, path), remedy: 'check the folder\'s permissions.', cause: error });
    }),
    writeAll: async (files) => {
      const staged: Array<{ tmp: string; target: string }> = [];
      try {
        for (const file of files) {
          const target = at(file.path);
          // A folder in the way would fail its rename after others were done: refuse it while nothing is in place yet.
          if ((await lstat(target).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR' });
          await mkdir(dirname(target), { recursive: true });
          const tmp = join(dirname(target), `.${basename(target)}.maestro-init.${process.pid}.tmp`);
          await writeFile(tmp, file.text, { flag: 'wx' });
          staged.push({ tmp, target });
        }
      } catch (cause) {
        // Removing the staged files is best effort: the error below is what the user needs to see.
        await Promise.all(staged.map((s) => unlink(s.tmp).catch(() => undefined)));
        throw new MaestroError('FILE_UNREADABLE', `cannot write into ${root}: ${(cause as Error).message}; nothing was written`, { file: root, remedy: 'check that the folder is writable, has free space, and that no folder stands where a file goes.', cause });
      }
      for (const [i, { tmp, target }] of staged.entries()) {
        try {
          await rename(tmp, target);
        } catch (cause) {
          await Promise.all(staged.slice(i).map((s) => unlink(s.tmp).catch(() => undefined)));
          const done = staged.slice(0, i).map((s) => s.target);
          throw new MaestroError('FILE_UNREADABLE', `cannot move ${tmp} to ${target} (${(cause as NodeJS.ErrnoException).code ?? 'error'})${done.length ? `; already written: ${done.join(', ')}` : '; nothing was written'}`, { file: target, remedy: 'check that nothing (such as a folder) is in the way at that path, then run maestro init --force.', cause });
        }
      }
    },
  };
}
