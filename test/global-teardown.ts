import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which test runs use which services, and the global teardown that stops them. Jest loads this file
 * without its module mapping, so it imports node modules only; test/helpers/services.ts leases through it.
 *
 * Which test runs use which services. Services are shared by every Jest run on the machine (they
 * live in `.services/`), so a run stops at its end only the services it used that no other live
 * run still uses: each run leases a service when it starts it (`.services/leases/<name>/<run>`),
 * and its pid is its run id.
 */

/** The variable test/global-setup.ts sets in the main Jest process, inherited by its workers: the run's id. */
export const RUN_ID_VARIABLE = 'MAESTRO_TEST_RUN';

/** The id of the Jest run this process belongs to. */
export function currentRun(env: NodeJS.ProcessEnv = process.env): string {
  return env[RUN_ID_VARIABLE] ?? String(process.pid);
}

/** Records that `run` uses service `name`. */
export function leaseService(servicesDir: string, name: string, run: string = currentRun()): void {
  const dir = join(servicesDir, 'leases', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, run), '');
}

function alive(pid: string): boolean {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops the leases of `run` (and those of runs no longer alive) and returns the services `run` used
 * that no live run still holds: the ones it may stop.
 */
export function releaseRun(servicesDir: string, run: string, isAlive: (run: string) => boolean = alive): string[] {
  const leases = join(servicesDir, 'leases');
  if (!existsSync(leases)) return [];
  const free: string[] = [];
  for (const name of readdirSync(leases).sort()) {
    const holders = readdirSync(join(leases, name));
    if (!holders.includes(run)) continue;
    for (const holder of holders) if (holder === run || !isAlive(holder)) rmSync(join(leases, name, holder), { force: true });
    if (readdirSync(join(leases, name)).length === 0) free.push(name);
  }
  return free;
}

/** What the end of a run did with each service it used. */
export interface ServiceStop {
  name: string;
  action: 'stopped' | 'kept';
}

/**
 * At the end of a run: stops (with `scripts/services/<name>-stop.sh`) each service the run used that
 * no other live run uses, unless `MAESTRO_KEEP_SERVICES=1` keeps them up for the next run.
 */
export function stopServicesOfRun(root: string, run: string, env: NodeJS.ProcessEnv = process.env, isAlive?: (run: string) => boolean): ServiceStop[] {
  const servicesDir = join(root, '.services');
  const keep = env.MAESTRO_KEEP_SERVICES === '1';
  const stops: ServiceStop[] = [];
  for (const name of releaseRun(servicesDir, run, isAlive)) {
    const stop = join(root, 'scripts/services', `${name}-stop.sh`);
    if (!existsSync(stop)) continue;
    // Under the start script's lock, and only if no run leased the service meanwhile: a run that is
    // starting it (it leases first, then takes the lock) is never cut off halfway.
    if (!keep) {
      execFileSync('bash', ['-c', 'exec 9>"$1" && flock 9 && { [ -n "$(ls -A "$2" 2>/dev/null)" ] || bash "$3" "$4" 9>&-; }', 'stop-service', join(servicesDir, `${name}.lock`), join(servicesDir, 'leases', name), stop, join(servicesDir, name)], { stdio: 'inherit' });
    }
    stops.push({ name, action: keep ? 'kept' : 'stopped' });
  }
  return stops;
}

/**
 * Stops the services this run started or used (Redis, Prometheus, Ceph RGW, ...) when no other live
 * run still uses them, so a run leaves no daemon behind. `MAESTRO_KEEP_SERVICES=1` keeps them up:
 * the next run then reuses them at once.
 */
export default function globalTeardown(): void {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const kept = stopServicesOfRun(root, String(process.pid)).filter((d) => d.action === 'kept').map((d) => d.name);
  if (kept.length > 0) process.stderr.write(`services left running (MAESTRO_KEEP_SERVICES=1): ${kept.join(', ')}\n`);
}
