import { parseConfig } from '../core/config/parse-config.js';
import type { ReportContext } from '../core/evidence/build-report.js';
import { MaestroError } from '../core/errors.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import { buildK6Outcome } from '../core/gates/k6/build-k6-outcome.js';
import { evaluateK6 } from '../core/gates/k6/evaluate-k6.js';
import { k6CatalogThresholds } from '../core/gates/k6/k6-catalog-thresholds.js';
import { parseK6Summary } from '../core/gates/k6/parse-k6-summary.js';
import { parseThresholdOption } from '../core/gates/k6/parse-threshold.js';
import type { K6ReportData, ThresholdSpec } from '../core/gates/k6/types.js';
import type { Catalog, ParamValue } from '../core/controls/types.js';
import type { LoadCatalog } from '../core/ports/catalog-source.js';
import type { InputFiles } from '../core/ports/input-files.js';
import { refuseLoosening } from './refuse-loosening.js';

/** The k6 gate's inputs as the CLI and the action take them. */
export interface K6GateFiles {
  summary: string;
  /** `<metric>:<expression>` thresholds beyond k6's own and the catalog's. */
  thresholds: string[];
  baseline?: string;
  /** Largest allowed growth of p(95) against the baseline, in percent (default 10). */
  maxP95Regression?: string;
  /** False drops the catalog's thresholds (p95, p99, failed-request rate); k6's own and the given ones remain. */
  catalogThresholds: boolean;
  catalog?: string;
  /** The repo config, whose `thresholds.k6-summary` overrides the catalog's parameters. */
  config?: string;
}

/** What the k6 gate reads through: the summaries and the config, and the catalog of controls. */
export interface K6GateIo {
  files: InputFiles;
  /** Loaded only when the catalog's thresholds apply. */
  loadCatalog: LoadCatalog;
}

/** A k6 summary is a few MB even with many sub-metrics; larger input is refused unread. */
export const MAX_SUMMARY_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_REGRESSION = 10;

/** Reads the summary (and baseline), evaluates the thresholds and returns the k6 gate's outcome. */
export async function k6GateFromFiles(files: K6GateFiles, context: ReportContext, io: K6GateIo): Promise<GateOutcome<K6ReportData>> {
  const maxDeltaPct = files.maxP95Regression === undefined ? DEFAULT_MAX_REGRESSION : Number(files.maxP95Regression);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(files.maxP95Regression ?? '0')) {
    throw new MaestroError('USAGE', `max p(95) regression ${JSON.stringify(files.maxP95Regression)} is not a percentage`, { remedy: 'give a number of percent, such as 10.' });
  }
  const configured: ThresholdSpec[] = files.thresholds.map((t) => ({ ...parseThresholdOption(t), source: 'config' }));
  const summary = parseK6Summary(await io.files.readJson(files.summary, 'k6 summary', MAX_SUMMARY_BYTES), files.summary);
  const baseline = files.baseline === undefined ? undefined : { summary: parseK6Summary(await io.files.readJson(files.baseline, 'k6 baseline summary', MAX_SUMMARY_BYTES), files.baseline), file: files.baseline, maxDeltaPct };
  const loaded = files.catalogThresholds ? await io.loadCatalog(files.catalog) : undefined;
  const catalog = loaded ? k6CatalogThresholds(loaded, await configOverrides(files.config, io.files, loaded)) : [];
  return buildK6Outcome(evaluateK6({ summary, file: files.summary, thresholds: [...catalog, ...configured], baseline }), context);
}

/** `thresholds.k6-summary` of the repo config; an invalid config is an error here, as the gate would use other bounds than the check. */
async function configOverrides(path: string | undefined, inputFiles: InputFiles, catalog: Catalog): Promise<Record<string, ParamValue>> {
  if (!path) return {};
  const result = parseConfig((await inputFiles.read(path, 'config file', 1024 * 1024)).toString('utf8'), path);
  if (!result.ok) {
    const issue = result.issues[0];
    throw new MaestroError('CONFIG_INVALID', `config file ${path} is not valid: ${issue ? `${issue.key || '/'}${issue.line ? ` (line ${issue.line})` : ''}: ${issue.message}` : 'unknown problem'}`, { file: path, remedy: 'fix the config (maestro gate shows every problem), or pass --no-config.' });
  }
  refuseLoosening(result.config, catalog, path, result.keyLines);
  return result.config.thresholds['k6-summary'] ?? {};
}
