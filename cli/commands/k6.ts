import { existsSync } from 'node:fs';
import { MaestroError } from '../../core/errors.js';
import { k6GateFromFiles } from '../../flows/k6-gate-from-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { cliReportContext } from '../report-context.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Options of `maestro k6`, as the command line gives them. */
export interface K6Options extends GateOutputOptions {
  summary: string;
  threshold?: string[];
  baseline?: string;
  maxP95Regression?: string;
  noCatalogThresholds?: boolean;
  catalog?: string;
  config?: string;
  noConfig?: boolean;
  repo?: string;
  sha?: string;
  pr?: string;
}

const DEFAULT_CONFIG_PATH = '.github/maestro.yml';

/** `maestro k6`: evaluate a k6 summary's thresholds (and regression against a baseline). Returns the exit code. */
export async function k6Command(options: K6Options): Promise<number> {
  if (options.config && options.noConfig) throw new MaestroError('USAGE', '--config and --no-config cannot be used together', { remedy: 'pass one of them.' });
  const context = cliReportContext(options);
  const config = options.config ?? (!options.noConfig && existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined);
  const outcome = await k6GateFromFiles(
    { summary: options.summary, thresholds: options.threshold ?? [], baseline: options.baseline, maxP95Regression: options.maxP95Regression, catalogThresholds: !options.noCatalogThresholds, catalog: options.catalog, config },
    context,
    { files: fsInputFiles, loadCatalog },
  );
  return emitGateOutcome(outcome, options, options.summary);
}
