import { jest } from '@jest/globals';
import { main } from '../../cli/main.js';

/**
 * Runs `maestro` in this process from its source (cli/main.ts), as bin/maestro.cjs runs the built
 * bundle: the same `main`, exit code and output, without a rebuilt dist/. `env` is set for the run
 * only (GITHUB_* variables of the test runner are hidden, as runMaestro hides them).
 */
export async function runMain(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('GITHUB_')) delete process.env[key];
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    await main(args);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = undefined;
    process.env = saved;
    out.mockRestore();
    err.mockRestore();
  }
}
