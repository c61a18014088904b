import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/**
 * Runs the built `maestro` bin (npm test builds it first) as a user would, outside GitHub Actions
 * unless `env` says otherwise: the GITHUB_* variables of a CI job would otherwise decide the
 * subject of the gate commands' reports.
 */
export function runMaestro(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  const result = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...clean, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
