import { parseConfig } from '../core/config/parse-config.js';
import type { ParamValue } from '../core/controls/types.js';
import type { ReportContext } from '../core/evidence/build-report.js';
import { MaestroError } from '../core/errors.js';
import { buildA11yOutcome } from '../core/gates/a11y/build-a11y-outcome.js';
import { evaluateA11y } from '../core/gates/a11y/evaluate-a11y.js';
import { parseAxeResults, type AxeRun } from '../core/gates/a11y/parse-axe-results.js';
import { IMPACTS, type A11yReportData, type A11yThresholds, type A11yViolation } from '../core/gates/a11y/types.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import type { LoadCatalog } from '../core/ports/catalog-source.js';
import type { InputFiles } from '../core/ports/input-files.js';
import { refuseLoosening } from './refuse-loosening.js';

/** The a11y gate's inputs from files. */
export interface A11yGateFiles {
  /** axe-core results (JSON of axe.run(), one object or one per page). */
  results: string;
  /** The base branch's a11y report or axe results: only violations absent there count. */
  baseline?: string;
  /** --max-critical, --max-serious, --max-moderate, --max-minor, as given. */
  max: Partial<Record<(typeof IMPACTS)[number], string>>;
  catalog?: string;
  config?: string;
}

/** What the a11y gate reads through: the results, baseline and config files, and the catalog of controls. */
export interface A11yGateIo {
  files: InputFiles;
  loadCatalog: LoadCatalog;
}

const MAX_RESULTS_BYTES = 64 * 1024 * 1024;
const PARAM: Record<(typeof IMPACTS)[number], string> = { critical: 'maxCritical', serious: 'maxSerious', moderate: 'maxModerate', minor: 'maxMinor' };

/** Reads axe results (and a baseline), applies the thresholds and returns the a11y gate's outcome. */
export async function a11yGateFromFiles(files: A11yGateFiles, context: ReportContext, io: A11yGateIo): Promise<GateOutcome<A11yReportData>> {
  return a11yGateFromRun(parseAxeResults(await io.files.readJson(files.results, 'axe results', MAX_RESULTS_BYTES), files.results), files, context, io);
}

/** Applies the thresholds (and the baseline) to axe results however they were obtained: from a file or from a browser scan. */
export async function a11yGateFromRun(run: AxeRun, files: Omit<A11yGateFiles, 'results'>, context: ReportContext, io: A11yGateIo): Promise<GateOutcome<A11yReportData>> {
  const baseline = files.baseline ? await readBaseline(files.baseline, io.files) : undefined;
  const thresholds = await resolveThresholds(files, io);
  return buildA11yOutcome(evaluateA11y(run, baseline), thresholds, context);
}

/**
 * The bound of each impact: the catalog's a11y parameters (no critical, at most 4 minor), then the
 * repo config's `thresholds.a11y`, then the command line.
 */
async function resolveThresholds(files: Omit<A11yGateFiles, 'results'>, io: A11yGateIo): Promise<A11yThresholds> {
  const catalog = await io.loadCatalog(files.catalog);
  const params: Record<string, ParamValue> = { ...catalog.controls.flatMap((c) => c.evidence).find((r) => r.kind === 'a11y')?.params };
  if (files.config) {
    const result = parseConfig((await io.files.read(files.config, 'config file', 1024 * 1024)).toString('utf8'), files.config);
    if (!result.ok) throw new MaestroError('CONFIG_INVALID', `config file ${files.config} is not valid: ${result.issues.map((i) => `${i.key || '/'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`).join('; ')}`, { file: files.config, remedy: 'fix the config, or pass --no-config.' });
    refuseLoosening(result.config, catalog, files.config, result.keyLines);
    Object.assign(params, result.config.thresholds.a11y);
  }
  const thresholds: A11yThresholds = {};
  for (const impact of IMPACTS) {
    const given = files.max[impact];
    if (given !== undefined && !/^\d{1,6}$/.test(given)) throw new MaestroError('USAGE', `--max-${impact} ${JSON.stringify(given.slice(0, 20))} is not a whole number`, { remedy: `pass the largest number of ${impact} violations that still passes, such as 0.` });
    const value = given !== undefined ? Number(given) : params[PARAM[impact]];
    if (typeof value === 'number') thresholds[impact] = value;
  }
  return thresholds;
}

/** A baseline is an a11y evidence report (the base branch's artifact) or raw axe results. */
async function readBaseline(path: string, inputFiles: InputFiles): Promise<{ ref?: string; violations: A11yViolation[] }> {
  const doc = await inputFiles.readJson(path, 'a11y baseline', MAX_RESULTS_BYTES);
  const report = doc as { kind?: unknown; subject?: { ref?: unknown; sha?: unknown }; data?: { violations?: unknown } };
  if (report && typeof report === 'object' && report.kind === 'a11y') {
    if (!Array.isArray(report.data?.violations)) throw new MaestroError('SCHEMA_INVALID', `a11y baseline ${path} has no data.violations`, { file: path, pointer: '/data/violations', remedy: 'pass the a11y report of the base branch, or its axe results.' });
    const ref = typeof report.subject?.ref === 'string' ? report.subject.ref : typeof report.subject?.sha === 'string' ? report.subject.sha : undefined;
    return { ref, violations: report.data.violations as A11yViolation[] };
  }
  return { violations: parseAxeResults(doc, path).violations };
}
