import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { GateOutcome } from '../../core/result/gate-outcome.js';
import type { K6ReportData } from '../../core/gates/k6/types.js';
import { k6GateFromFiles } from '../../flows/k6-gate-from-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { resolveReportContext, type SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import { findK6, runK6 } from '../../adapters/k6/run-k6.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The k6 action's inputs, resolved by main.ts. */
export interface K6RunInputs {
  /** A k6 summary to evaluate; when empty, `script` is run with the k6 on PATH to produce one. */
  summary?: string;
  script?: string;
  /** Extra arguments of `k6 run`, one per item. */
  k6Args: string[];
  thresholds: string[];
  baseline?: string;
  maxP95Regression?: string;
  catalogThresholds: boolean;
  catalog?: string;
  /** The repo config, when it exists: its thresholds.k6-summary override the catalog's. */
  config?: string;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
}

/** How the action finds and runs k6; tests substitute these. */
export interface K6Runner {
  find: () => string | undefined;
  run: typeof runK6;
}

const defaultRunner: K6Runner = { find: () => findK6(), run: runK6 };

/**
 * The k6 gate in a workflow: runs the k6 script when asked (and k6 is on PATH), evaluates the
 * summary, and publishes the k6-summary report as the artifact maestro-evidence-k6.
 */
export function run(inputs: K6RunInputs, io: GateActionIo, runner: K6Runner = defaultRunner): Promise<GateOutcome<K6ReportData> | undefined> {
  return runGateAction(async () => {
    const summary = inputs.summary ?? (await runScript(inputs, io, runner));
    const context = resolveReportContext('maestro-action', inputs.subject, inputs.env);
    return k6GateFromFiles({ summary, thresholds: inputs.thresholds, baseline: inputs.baseline, maxP95Regression: inputs.maxP95Regression, catalogThresholds: inputs.catalogThresholds, catalog: inputs.catalog, config: inputs.config }, context, { files: fsInputFiles, loadCatalog });
  }, inputs.settings, io);
}

async function runScript(inputs: K6RunInputs, io: GateActionIo, runner: K6Runner): Promise<string> {
  if (!inputs.script) throw new MaestroError('USAGE', 'neither summary nor script is set', { remedy: 'set summary to the k6 summary file, or script to a k6 script to run.' });
  const k6 = runner.find();
  if (!k6) {
    throw new MaestroError('USAGE', `script is set to ${inputs.script}, but there is no k6 on PATH to run it`, {
      remedy: 'install k6 in an earlier step (such as grafana/setup-k6-action), or run k6 yourself and set summary to its --summary-export file.',
    });
  }
  const summary = join(inputs.settings.outputDir, 'k6-summary-export.json');
  await mkdir(inputs.settings.outputDir, { recursive: true });
  const code = await runner.run(k6, inputs.script, summary, inputs.k6Args);
  io.info(code === 0 ? `k6 run ${inputs.script} completed.` : `k6 run ${inputs.script} completed with failed thresholds (exit ${code}); evaluating its summary.`);
  return summary;
}
