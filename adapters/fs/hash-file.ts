import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { MaestroError } from '../../core/errors.js';
import { describeFileType, fileTooLargeError } from './read-input-file.js';

/** Read size of the streaming hash: large enough to keep the SHA instructions busy, small enough to stay cache-resident. */
const CHUNK_BYTES = 1 << 20;

/** Two read buffers, reused: one is hashed while the next read fills the other (each read fills at most one buffer's length). */
export type HashBuffers = [Buffer, Buffer];

/** Buffers for `hashFile`, to reuse across many files. */
export function hashBuffers(): HashBuffers {
  return [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
}

/**
 * sha256 and size of a file in constant memory whatever its size: 1 MiB chunks read into two
 * reused buffers, the next read (on libuv's thread pool) overlapping the hashing of the current
 * chunk on this thread. Node's hash is OpenSSL's, with the CPU's SHA extensions where present.
 * Only regular files are read (a named pipe would never end); with `maxBytes`, a larger file is
 * refused (FILE_TOO_LARGE) by its size before any of it is read.
 */
export async function hashFile(path: string, buffers: HashBuffers = hashBuffers(), maxBytes?: number): Promise<{ sha256: string; size: number }> {
  const { digest, size } = await digestFile(path, 'sha256', buffers, maxBytes);
  return { sha256: digest.toString('hex'), size };
}

/** The digest of a file with any of OpenSSL's hash algorithms (`md5` for S3's Content-MD5), read as `hashFile` reads. */
export async function digestFile(path: string, algorithm: string, buffers: HashBuffers = hashBuffers(), maxBytes?: number): Promise<{ digest: Buffer; size: number }> {
  const hash = createHash(algorithm);
  // O_NONBLOCK: opening a named pipe returns at once (and is then refused) instead of waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let size = 0;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new MaestroError('NOT_A_FILE', `${path} is ${describeFileType(info)}, not a regular file; it cannot be hashed`, { file: path, remedy: 'pass the path of a regular file.' });
    if (maxBytes !== undefined && info.size > maxBytes) throw fileTooLargeError('file', path, info.size, maxBytes);
    let [current, next] = buffers;
    let pending = handle.read(current, 0, current.length, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      pending = handle.read(next, 0, next.length, null);
      hash.update(bytesRead === current.length ? current : current.subarray(0, bytesRead));
      size += bytesRead;
      [current, next] = [next, current];
    }
  } finally {
    await handle.close();
  }
  return { digest: hash.digest(), size };
}
