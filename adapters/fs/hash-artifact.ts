import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { MaestroError } from '../../core/errors.js';
import type { ArtifactHasher } from '../../core/ports/artifact-hasher.js';

/** Digest algorithms in-toto subjects use that are still collision-resistant. */
export const SUBJECT_ALGORITHMS = ['sha256', 'sha384', 'sha512'] as const;

/** Hashes a file once, streaming (artifacts can be gigabytes), with every subject algorithm; lower-case hex by algorithm. */
export async function hashArtifact(path: string): Promise<Record<string, string>> {
  const info = await stat(path).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `artifact ${path} does not exist`, { file: path, remedy: 'pass the path of a built artifact.', cause });
  });
  if (!info.isFile()) throw new MaestroError('NOT_A_FILE', `artifact ${path} is not a regular file`, { file: path, remedy: 'pass the path of a built artifact, not a folder.' });
  const hashes = SUBJECT_ALGORITHMS.map((alg) => createHash(alg));
  await new Promise<void>((resolve, reject) => {
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hashes.forEach((h) => h.update(chunk)))
      .on('error', (cause) => reject(new MaestroError('FILE_UNREADABLE', `artifact ${path} cannot be read`, { file: path, remedy: 'check the file permissions.', cause })))
      .on('end', () => resolve());
  });
  return Object.fromEntries(SUBJECT_ALGORITHMS.map((alg, i) => [alg, hashes[i]!.digest('hex')]));
}

/** The ArtifactHasher port over local files. */
export const fsArtifactHasher: ArtifactHasher = { hash: hashArtifact };
