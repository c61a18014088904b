import { copyFile, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { QuarantineMode } from '../../core/gates/attestation/types.js';
import type { ArtifactQuarantine } from '../../core/ports/artifact-quarantine.js';

/** The suffix given to unverified artifacts in `rename` mode. */
export const QUARANTINE_SUFFIX = '.quarantined';

/**
 * Sets unverified artifacts aside so a later publish step cannot ship them: `rename` adds
 * `.quarantined`, `move` moves them into `dir` (out of the publish folder; copy and delete across
 * file systems), `none` leaves them. Never overwrites: a taken name gets `.1`, `.2`, ...
 * Returns where each artifact is now.
 */
export async function quarantineArtifacts(paths: string[], mode: QuarantineMode, dir: string): Promise<string[]> {
  if (mode === 'none') return [];
  if (mode === 'move') await mkdir(dir, { recursive: true });
  const moved: string[] = [];
  for (const path of paths) {
    const target = await freeName(mode === 'rename' ? `${path}${QUARANTINE_SUFFIX}` : join(dir, basename(path)));
    try {
      await rename(path, target);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EXDEV') throw cannotMove(path, target, cause);
      await copyFile(path, target).then(() => unlink(path)).catch((error: unknown) => {
        throw cannotMove(path, target, error);
      });
    }
    moved.push(target);
  }
  return moved;
}

/** The ArtifactQuarantine port over local files; the folder is made absolute first, so the report says where the artifacts went whatever the working directory. */
export const fsArtifactQuarantine: ArtifactQuarantine = { setAside: (paths, mode, dir) => quarantineArtifacts(paths, mode, resolve(dir)) };

async function freeName(wanted: string): Promise<string> {
  for (let i = 0; ; i++) {
    const name = i === 0 ? wanted : `${wanted}.${i}`;
    const taken = await stat(name).then(() => true, () => false);
    if (!taken) return name;
  }
}

function cannotMove(path: string, target: string, cause: unknown): MaestroError {
  return new MaestroError('FILE_UNREADABLE', `cannot quarantine ${path} to ${target} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file: path, remedy: 'check that the artifact folder and the quarantine folder are writable; do not publish the artifact.', cause });
}
