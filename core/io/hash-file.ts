import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Read size of the streaming hash: large enough to keep the SHA instructions busy, small enough to stay cache-resident. */
const CHUNK_BYTES = 1 << 20;

/**
 * sha256 and size of a file, read in 1 MiB chunks into one reused buffer: memory stays constant
 * whatever the file's size, and no chunk is allocated per read (Node's own hash runs on OpenSSL,
 * with the CPU's SHA extensions where present).
 */
export async function hashFile(path: string, buffer: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  let size = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size };
}
