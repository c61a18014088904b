import { existsSync } from 'node:fs';
import { MaestroError } from '../../core/errors.js';
import { a11yGateFromFiles } from '../../core/io/a11y-gate-from-files.js';
import { resolveReportContext } from '../../core/io/resolve-report-context.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Options of `maestro a11y`, as the command line gives them. */
export interface A11yOptions extends GateOutputOptions {
  results: string;
  baseline?: string;
  maxCritical?: string;
  maxSerious?: string;
  maxModerate?: string;
  maxMinor?: string;
  catalog?: string;
  config?: string;
  noConfig?: boolean;
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro a11y`: apply the accessibility thresholds to axe-core results. Returns the exit code. */
export async function a11yCommand(options: A11yOptions): Promise<number> {
  if (options.config && options.noConfig) throw new MaestroError('USAGE', '--config and --no-config cannot be used together', { remedy: 'pass one of them.' });
  const context = resolveReportContext('maestro-cli', options, process.env);
  const config = options.config ?? (!options.noConfig && existsSync('.github/maestro.yml') ? '.github/maestro.yml' : undefined);
  const max = { critical: options.maxCritical, serious: options.maxSerious, moderate: options.maxModerate, minor: options.maxMinor };
  const outcome = await a11yGateFromFiles({ results: options.results, baseline: options.baseline, max, catalog: options.catalog, config }, context);
  return emitGateOutcome(outcome, options, options.results);
}
