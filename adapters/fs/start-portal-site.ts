import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { SiteDraft, StartSite } from '../../core/portal/site-writer.js';

/** A file at the root of every site maestro builds: a folder with it may be replaced by the next build. */
export const SITE_MARKER = '.maestro-portal';

/**
 * Starts a portal site in `outDir` (the StartSite port over the file system): files go to a staging
 * folder beside it, which takes the place of the previous site in two renames when complete. A
 * folder that holds anything but a site maestro built is refused, never overwritten.
 */
export const startPortalSite: StartSite = async (outDir) => {
  const dir = resolve(outDir);
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new MaestroError('USAGE', `--out ${outDir} is a file, not a folder`, { file: outDir, remedy: 'name a new folder, or the folder of a site maestro portal build made before.' });
  if (info && (await readdir(dir)).length > 0 && !(await stat(join(dir, SITE_MARKER)).catch(() => undefined))) {
    throw new MaestroError('USAGE', `--out ${outDir} holds files that are not a site built by maestro portal build`, { file: outDir, remedy: 'name a new or empty folder: maestro replaces only a site it built (one with a .maestro-portal file).' });
  }
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, SITE_MARKER), 'A static evidence site built by maestro portal build; the next build replaces this folder.\n');
  let saved = false;
  const draft: SiteDraft & { dir: string } = {
    dir,
    async write(path, bytes) {
      const target = resolve(tmp, path);
      if (!target.startsWith(`${tmp}${sep}`)) throw new MaestroError('ARTIFACT_REFUSED', `site path ${path} leaves the site folder`, { remedy: 'this is a bug in the page paths; report it.' });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes, { flag: 'wx' });
    },
    async save() {
      const old = join(dirname(dir), `.${basename(dir)}.${process.pid}.old`);
      const had = await stat(dir).catch(() => undefined);
      if (had) await rename(dir, old);
      await rename(tmp, dir);
      saved = true;
      if (had) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      if (!saved) await rm(tmp, { recursive: true, force: true });
    },
  };
  return draft;
};
