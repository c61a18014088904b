import { createHash } from 'node:crypto';

/** Lower-case hex sha256 of bytes or of a UTF-8 string. */
export function sha256Hex(input: Uint8Array | string): string {
  return createHash('sha256').update(input).digest('hex');
}
