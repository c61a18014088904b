import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MaestroError } from '../../core/errors.js';

/** The k6 executable on PATH, or undefined when there is none. */
export function findK6(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'k6');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder; keep looking
    }
  }
  return undefined;
}

/** k6 exits 99 when thresholds failed: the run is complete and its summary is what the gate evaluates. */
const THRESHOLDS_FAILED = 99;

/**
 * Runs `k6 run --summary-export <summary> [args...] <script>` with the job's output passed through.
 * Resolves with k6's exit code when the run completed (0, or 99 for failed thresholds); any other
 * ending is a K6_RUN_FAILED error, since the summary would not describe a full run.
 */
export function runK6(k6: string, script: string, summary: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(k6, ['run', '--summary-export', summary, ...args, script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (cause) => reject(new MaestroError('K6_RUN_FAILED', `k6 could not be started (${cause.message})`, { remedy: 'check that the k6 on PATH is an executable k6 binary.', cause })));
    child.on('close', (code, signal) => {
      if (code === 0 || code === THRESHOLDS_FAILED) resolve(code);
      else reject(new MaestroError('K6_RUN_FAILED', `k6 run ${script} ended with ${signal ? `signal ${signal}` : `exit code ${code}`} before a complete summary`, { file: script, remedy: 'fix the k6 script or its target; the job log above shows k6\'s own error.' }));
    });
  });
}
