import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * A folder of the real files from public projects the tests read in place (they are not copied
 * into the repository): `$MAESTRO_REALWORLD_DIR`, or `../shared/realworld` beside the checkout.
 * A missing folder fails the test file with the remedy, never a bare ENOENT.
 */
export function realworldDir(...parts: string[]): string {
  const base = process.env.MAESTRO_REALWORLD_DIR ?? join(root, '..', 'shared', 'realworld');
  const dir = join(base, ...parts);
  if (!existsSync(dir)) {
    throw new Error(`The real-world samples ${dir} are missing: these tests read real files of public projects in place. Remedy: check the repository out beside the workplace's shared/ folder, or set MAESTRO_REALWORLD_DIR to its realworld/ folder.`);
  }
  return dir;
}
