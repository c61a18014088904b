import { MaestroError } from '../../core/errors.js';
import { parseDurationMs } from '../../core/util/duration.js';

/** The drift sweep's settings; the sweep is off unless DRIFT_SWEEP_INTERVAL is set. */
export interface DriftEnv {
  /** Milliseconds between the ends of two sweeps. */
  intervalMs: number;
  /** The CI template: a workflow file, a folder of them, or a checkout of the template repository. */
  template: string;
  /** How the drift-reports name the template (default: the DRIFT_TEMPLATE path). */
  templateSource: string;
  /** List what would be done, open or close nothing. */
  dryRun: boolean;
}

/** Shortest interval: one sweep of 1,000 repositories takes minutes and a share of the hourly rate limit. */
const MIN_INTERVAL_MS = 5 * 60_000;

/**
 * Reads DRIFT_SWEEP_INTERVAL (ISO 8601, such as PT24H; unset: no sweeps), DRIFT_TEMPLATE,
 * DRIFT_TEMPLATE_SOURCE and DRIFT_DRY_RUN (true or false). Every problem names the variable.
 */
export function readDriftEnv(env: NodeJS.ProcessEnv): DriftEnv | undefined {
  const interval = env.DRIFT_SWEEP_INTERVAL?.trim();
  if (!interval) return undefined;
  const problems: string[] = [];
  const intervalMs = parseDurationMs(interval) ?? 0;
  if (intervalMs < MIN_INTERVAL_MS) problems.push(`DRIFT_SWEEP_INTERVAL must be an ISO 8601 duration of at least PT5M, such as PT24H, got ${JSON.stringify(interval)}`);
  const template = env.DRIFT_TEMPLATE?.trim() ?? '';
  if (!template) problems.push('DRIFT_TEMPLATE is not set (the CI template: a workflow file, a folder of workflows, or a checkout of the template repository)');
  const dryRun = (env.DRIFT_DRY_RUN ?? 'false').trim().toLowerCase();
  if (dryRun !== 'true' && dryRun !== 'false') problems.push(`DRIFT_DRY_RUN must be true or false, got ${JSON.stringify(env.DRIFT_DRY_RUN)}`);
  if (problems.length > 0) throw new MaestroError('ENV_INVALID', `the drift sweep cannot start: ${problems.join('; ')}`, { remedy: 'set the DRIFT_* variables described in .env.example, or unset DRIFT_SWEEP_INTERVAL to turn the sweep off.' });
  return { intervalMs, template, templateSource: env.DRIFT_TEMPLATE_SOURCE?.trim() || template, dryRun: dryRun === 'true' };
}
