import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');

/** A Node.js binary the built app is started with, named for test titles. */
export interface NodeBinary {
  /** `Node 20.20.2`, as `describe.each` shows it. */
  name: string;
  path: string;
}

/** Where a Node major from the npm registry is kept: the folder `.ci/node24-smoke.sh` installs Node 24 into. */
export function nodePrefix(major: number): string {
  return join(root, `.ci/.cache/node${major}`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of a Node major's binary: this process's own when it is that major, otherwise the
 * `node@<major>` package of the npm registry under `.ci/.cache/node<major>`, installed when missing.
 * Several Jest workers may ask at once, so the install runs under `flock` and the second worker
 * finds the first one's binary. Never skips: a binary that cannot be had throws with the remedy.
 */
export function nodeBinary(major: number, prefix = nodePrefix(major)): NodeBinary {
  if (Number(process.versions.node.split('.')[0]) === major) return { name: `Node ${process.versions.node}`, path: process.execPath };
  const binary = join(prefix, 'node_modules/node/bin/node');
  if (!executable(binary)) {
    mkdirSync(prefix, { recursive: true });
    const install = `[ -x "$1" ] || npm install --prefix "$2" --no-save --no-audit --no-fund --no-package-lock "node@$3" >&2`;
    try {
      execFileSync('flock', [`${prefix}.lock`, 'sh', '-c', install, 'sh', binary, prefix, String(major)], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
      throw new Error(`Node ${major} is needed to run the built app on it, and installing node@${major} from the npm registry into ${prefix} failed: ${stderr || (error as Error).message}\nRemedy: check that npm can reach its registry (npm ping) and that flock is installed, or run: npm install --prefix ${prefix} --no-save --no-package-lock node@${major}`);
    }
  }
  let version: string;
  try {
    version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error(`${binary} does not run (${(error as Error).message}); delete ${prefix} so that the next run installs node@${major} again.`);
  }
  if (!version.startsWith(`v${major}.`)) throw new Error(`${binary} is ${version}, not Node ${major}; delete ${prefix} so that the next run installs node@${major} again.`);
  return { name: `Node ${version.slice(1)}`, path: binary };
}

/** The Node versions the e2e tests run the built app on: this machine's Node 20 and Node 24, as GitHub-hosted runners have it. */
export function e2eNodes(): NodeBinary[] {
  return [nodeBinary(20), nodeBinary(24)];
}
