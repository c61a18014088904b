import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { checkBundlePath } from '../../core/bundle/check-bundle-path.js';
import { MaestroError } from '../../core/errors.js';
import type { ArtifactFile } from '../../core/ports/bundle-files.js';
import { describeFileType } from './read-input-file.js';

/** Most files one bundle holds (the manifest schema's limit). */
export const MAX_ARTIFACTS = 100_000;

/**
 * Lists the regular files under `dir`, sorted by bundle path. A symbolic link is followed only when
 * its target stays inside `dir`; one that escapes it (or dangles) is refused, naming the link, so a
 * bundle can never carry a file from elsewhere on the machine. Unreadable entries are errors too:
 * evidence is never silently left out.
 */
export async function collectArtifacts(dir: string): Promise<ArtifactFile[]> {
  const info = await stat(dir).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `artifacts folder ${dir} ${cause.code === 'ENOENT' ? 'does not exist' : `cannot be read (${cause.code})`}`, { file: dir, remedy: 'pass the folder that holds the release\'s evidence artifacts.', cause });
  });
  if (!info.isDirectory()) throw new MaestroError('NOT_A_FILE', `artifacts folder ${dir} is not a folder`, { file: dir, remedy: 'pass a folder; every file under it goes into the bundle.' });
  const root = await realpath(dir);
  const out: ArtifactFile[] = [];
  await walk(root, root, out);
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

async function walk(root: string, dir: string, out: ArtifactFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_UNREADABLE', `folder ${dir} cannot be read (${cause.code})`, { file: dir, remedy: 'check its permissions.', cause });
  });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join('/');
    if (entry.isSymbolicLink()) {
      const target = await realpath(full).catch(() => undefined);
      if (target === undefined || (target !== root && !target.startsWith(root + sep))) {
        throw new MaestroError('SYMLINK_REFUSED', `artifact ${path} is a symbolic link ${target === undefined ? 'to nothing' : `to ${target}, outside the artifacts folder`}`, { file: full, remedy: 'copy the file into the artifacts folder instead of linking to it.' });
      }
      const targetInfo = await lstat(target);
      if (targetInfo.isDirectory()) throw new MaestroError('SYMLINK_REFUSED', `artifact ${path} links to a folder`, { file: full, remedy: 'link files only; a linked folder would list its files twice.' });
      // A link to a named pipe would make the copy wait forever for a writer.
      if (!targetInfo.isFile()) throw new MaestroError('NOT_A_FILE', `artifact ${path} links to ${describeFileType(targetInfo)}, not a regular file`, { file: full, remedy: 'remove sockets, pipes and devices (and links to them) from the artifacts folder.' });
      push(out, { source: target, path });
    } else if (entry.isDirectory()) {
      await walk(root, full, out);
    } else if (entry.isFile()) {
      push(out, { source: full, path });
    } else {
      throw new MaestroError('NOT_A_FILE', `artifact ${path} is not a regular file`, { file: full, remedy: 'remove sockets, pipes and devices from the artifacts folder.' });
    }
  }
}

function push(out: ArtifactFile[], file: ArtifactFile): void {
  checkBundlePath(file.path);
  out.push(file);
  if (out.length > MAX_ARTIFACTS) throw new MaestroError('TOO_MANY_FILES', `the artifacts folder holds more than ${MAX_ARTIFACTS} files`, { remedy: 'bundle the evidence of one release only, or archive small files together.' });
}
