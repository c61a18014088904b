import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MaestroError } from '../../core/errors.js';

const PACKAGE_NAME = 'maestro-conductor';

/**
 * The folder maestro is installed in (the one holding its package.json, `templates/`, `controls/`),
 * found from this module's own location: the source tree, the dist/cli bundles, or the package an
 * `npm install -g` unpacked. The working directory plays no part.
 */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (nameOf(join(dir, 'package.json')) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) {
      throw new MaestroError('FILE_NOT_FOUND', `cannot find the ${PACKAGE_NAME} package folder above ${from}`, { remedy: 'reinstall maestro (npm install -g maestro-conductor), or run it from its repository after npm run build.' });
    }
  }
}

function nameOf(path: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name as string | undefined;
  } catch {
    return undefined;
  }
}
