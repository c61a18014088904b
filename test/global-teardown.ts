import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * In CI, stops every service the tests started (scripts/services/<name>-stop.sh), so the CI job ends
 * with no daemon left behind. On a workstation they stay up: the next run reuses them at once.
 */
export default function globalTeardown(): void {
  if (process.env.CI !== 'true') return;
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const dir = join(root, '.services');
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const stop = join(root, 'scripts/services', `${entry.name}-stop.sh`);
    if (entry.isDirectory() && existsSync(stop)) execFileSync('bash', [stop, join(dir, entry.name)], { stdio: 'inherit' });
  }
}
