import type { A11yReportData } from '../../core/gates/a11y/types.js';
import type { GateOutcome } from '../../core/gates/gate-outcome.js';
import { a11yGateFromFiles, type A11yGateFiles } from '../../core/io/a11y-gate-from-files.js';
import { resolveReportContext, type SubjectOverrides } from '../../core/io/resolve-report-context.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The a11y action's inputs, resolved by main.ts. */
export interface A11yRunInputs {
  files: A11yGateFiles;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
}

/** The accessibility gate in a workflow: applies the thresholds to axe results and publishes the a11y report as maestro-evidence-a11y. */
export function run(inputs: A11yRunInputs, io: GateActionIo): Promise<GateOutcome<A11yReportData> | undefined> {
  return runGateAction(() => a11yGateFromFiles(inputs.files, resolveReportContext('maestro-action', inputs.subject, inputs.env)), inputs.settings, io);
}
