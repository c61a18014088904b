import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * A folder of material the tests read in place from the workplace's `shared/` folder beside the
 * checkout (never copied into the repository). The one rule for such tests: when the folder is
 * absent they skip with a one-line reason on a workstation, and fail with the remedy in CI
 * (`CI=true`), where a skipped test would pass unnoticed.
 */
export interface SharedFolder {
  /** The folder's name under `shared/`: `realworld` or `seeds`. */
  readonly name: string;
  /** Where it was found; undefined when absent. */
  readonly dir: string | undefined;
  /** A path inside the folder (where it would be, when absent: reading it then fails with ENOENT). */
  path(...parts: string[]): string;
  /**
   * `describe` when the folder is there; otherwise a skipped suite (or, in CI, a failing one) that
   * names the reason. Jest's global `describe` is used, so that scripts outside Jest (benchmarks) may
   * import this module for `path` and `require`.
   */
  describe(name: string, fn: () => void): void;
  /** The path inside the folder; throws the reason and the remedy when the folder is absent (for scripts outside Jest). */
  require(...parts: string[]): string;
}

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

/** Whether this run is CI's: there, a missing folder fails instead of skipping. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Finds `shared/<name>`: `$<variable>` when set, else beside the checkout, else beside the local
 * repository the checkout was cloned from.
 */
export function sharedFolder(name: string, variable: string, what: string, env: NodeJS.ProcessEnv = process.env): SharedFolder {
  const beside = join(root, '..', 'shared', name);
  const fromEnv = env[variable];
  const candidates = fromEnv ? [fromEnv] : existsSync(beside) ? [beside] : [beside, ...[localOrigin()].filter((o): o is string => o !== undefined).map((o) => join(o, '..', 'shared', name))];
  const dir = candidates.find((d) => existsSync(d));
  const reason = `${relative(root, beside)} (${what}) is absent (looked in ${candidates.join(', ')})`;
  let reported = false;
  const remedy = `check the repository out beside the workplace's shared/ folder, or set ${variable} to its ${name}/ folder`;
  return {
    name,
    dir,
    path: (...parts) => join(dir ?? candidates[0]!, ...parts),
    require(...parts) {
      if (!dir) throw new Error(`${reason}. Remedy: ${remedy}.`);
      return join(dir, ...parts);
    },
    describe(title, fn) {
      if (dir) return describe(title, fn);
      if (inCi(env)) {
        return describe(title, () => {
          it(`has ${name}/ to read`, () => {
            throw new Error(`${reason}: in CI these tests fail rather than skip. Remedy: ${remedy}.`);
          });
        });
      }
      if (!reported) process.stderr.write(`skipped: ${reason}; to run these tests, ${remedy} (with CI=true they fail instead)\n`);
      reported = true;
      return describe.skip(`${title} (skipped: ${name}/ is absent)`, () => {
        it.skip(reason, () => undefined);
      });
    },
  };
}

/** Real files of public projects (k6 summaries, Sigstore bundles, workflows): `$MAESTRO_REALWORLD_DIR` or `shared/realworld`. */
export const realworld = sharedFolder('realworld', 'MAESTRO_REALWORLD_DIR', 'real files of public projects');

/** The planning documents the product grew from (epics with work orders): `$MAESTRO_SEEDS_DIR` or `shared/seeds`. */
export const seeds = sharedFolder('seeds', 'MAESTRO_SEEDS_DIR', 'the real planning documents');
