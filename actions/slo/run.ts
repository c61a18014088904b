import type { GateOutcome } from '../../core/result/gate-outcome.js';
import type { SloReportData } from '../../core/gates/slo/types.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { resolveReportContext, type SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import { createPrometheusClient } from '../../adapters/prometheus/prometheus-client.js';
import { sloGateFromFiles, type SloGateFiles } from '../../flows/slo-gate-from-files.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The SLO action's inputs, resolved by main.ts. */
export interface SloRunInputs {
  files: SloGateFiles;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
}

/**
 * The SLO gate in a workflow: evaluates the SLOs (from Prometheus or precomputed SLIs) and
 * publishes the slo-burn report as the artifact maestro-evidence-slo. Warnings pass with an
 * annotation on the SLO's line; a block or an SLO that could not be evaluated fails the step.
 */
export function run(inputs: SloRunInputs, io: GateActionIo): Promise<GateOutcome<SloReportData> | undefined> {
  return runGateAction(() => sloGateFromFiles(inputs.files, resolveReportContext('maestro-action', inputs.subject, inputs.env), { files: fsInputFiles, connectPrometheus: createPrometheusClient }), inputs.settings, io);
}
