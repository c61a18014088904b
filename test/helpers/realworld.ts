import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** Where a checkout cloned from a local repository came from (`git clone /work/main ...`), if so. */
function localOrigin(): string | undefined {
  try {
    const url = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    return isAbsolute(path) && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A folder of the real files from public projects the tests read in place (they are not copied
 * into the repository): `$MAESTRO_REALWORLD_DIR`, or `shared/realworld` beside the checkout, or
 * beside the local repository it was cloned from. A missing folder fails the test file with the
 * remedy, never a bare ENOENT.
 */
export function realworldDir(...parts: string[]): string {
  return sharedDir('realworld', 'MAESTRO_REALWORLD_DIR', 'real files of public projects', parts);
}

/**
 * The planning documents the product grew from (epics with work orders), read in place like the
 * real-world samples: `$MAESTRO_SEEDS_DIR`, or `shared/seeds` beside the checkout or its origin.
 */
export function seedsDir(...parts: string[]): string {
  return sharedDir('seeds', 'MAESTRO_SEEDS_DIR', 'the real planning documents (epics)', parts);
}

function sharedDir(folder: string, variable: string, what: string, parts: string[]): string {
  const origin = localOrigin();
  const fromEnv = process.env[variable];
  const candidates = fromEnv ? [fromEnv] : [join(root, '..', 'shared', folder), ...(origin ? [join(origin, '..', 'shared', folder)] : [])];
  const base = candidates.find((dir) => existsSync(dir));
  if (!base) {
    throw new Error(`The ${folder} samples are missing (looked in ${candidates.join(', ')}): these tests read ${what} in place. Remedy: check the repository out beside the workplace's shared/ folder, or set ${variable} to its ${folder}/ folder.`);
  }
  return join(base, ...parts);
}
