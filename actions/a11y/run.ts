import type { A11yReportData } from '../../core/gates/a11y/types.js';
import type { GateOutcome } from '../../core/result/gate-outcome.js';
import { a11yGateFromBrowser, type A11yBrowserInputs } from '../../flows/a11y-gate-from-browser.js';
import { a11yGateFromFiles, type A11yGateFiles } from '../../flows/a11y-gate-from-files.js';
import { chromiumPageScanner } from '../../adapters/browser/scan-pages-with-axe.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { resolveReportContext, type SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The a11y action's inputs, resolved by main.ts: axe results files, or pages to scan in Chromium. */
export interface A11yRunInputs {
  files?: A11yGateFiles;
  /** Browser mode; screenshots are written next to the report, in the output folder. */
  browser?: Omit<A11yBrowserInputs, 'screenshotDir' | 'reportDir'>;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
}

/** The accessibility gate in a workflow: applies the thresholds to axe results (read, or produced by scanning the pages) and publishes the a11y report, with the screenshots, as maestro-evidence-a11y. */
export function run(inputs: A11yRunInputs, io: GateActionIo): Promise<GateOutcome<A11yReportData> | undefined> {
  const settings: PublishSettings = { ...inputs.settings };
  const context = resolveReportContext('maestro-action', inputs.subject, inputs.env);
  return runGateAction(async () => {
    if (inputs.files) return a11yGateFromFiles(inputs.files, context, { files: fsInputFiles, loadCatalog });
    const { outcome, screenshots } = await a11yGateFromBrowser({ ...inputs.browser!, screenshotDir: settings.outputDir, reportDir: settings.outputDir }, context, inputs.env, { files: fsInputFiles, loadCatalog, scanner: chromiumPageScanner });
    settings.extraFiles = [...(settings.extraFiles ?? []), ...screenshots];
    return outcome;
  }, settings, io);
}
