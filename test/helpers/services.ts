import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leaseService } from '../global-teardown.js';

/** The backing services the tests run against, each started by `scripts/services/<name>-start.sh`. */
export type ServiceName = 'redis' | 's3' | 'prometheus' | 'chromium';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
/** Where the services keep their data, logs and pid files (git-ignored). */
export const servicesDir = join(root, '.services');

/**
 * Starts a real service (installing it from Debian when missing) and returns the settings its start
 * script printed as KEY=value lines. Start scripts are idempotent and serialised with flock (`--close`:
 * the daemons they start must not inherit the lock), so every
 * test file may call this for the services it needs, in any Jest worker. A service that cannot start
 * fails the test file loudly: the tests never skip what they cannot run. The run's global teardown
 * stops it when the run ends (unless MAESTRO_KEEP_SERVICES=1 or another live run still uses it).
 */
export function startService(name: ServiceName, env: Record<string, string> = {}): Record<string, string> {
  mkdirSync(servicesDir, { recursive: true });
  // Leased before it starts: the run's teardown stops it, even when this start fails halfway.
  leaseService(servicesDir, name);
  const script = join(root, 'scripts/services', `${name}-start.sh`);
  let out: string;
  try {
    // The lock is held on fd 9 by this bash only: the script runs with fd 9 closed, so the daemons it
    // leaves running do not keep the lock (they would block every later start).
    out = execFileSync('bash', ['-c', 'exec 9>"$1" && flock 9 && bash "$2" "$3" 9>&-', 'start-service', join(servicesDir, `${name}.lock`), script, join(servicesDir, name)], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `The ${name} service needed by this test could not start (scripts/services/${name}-start.sh):\n${stderr.trim()}\n` +
        `Remedy: run that script by hand to see why; it installs Debian packages with apt-get, so it needs root and the Debian mirror.`,
      { cause: error },
    );
  }
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}
