import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAILING } from '../../core/engine/conclude.js';
import { toDecisionLog } from '../../core/engine/to-decision-log.js';
import type { GateResult } from '../../core/engine/types.js';
import { formatError, isMaestroError, MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { evaluateFromFiles } from '../../core/io/evaluate-from-files.js';
import { writeFileAtomic } from '../../core/io/write-output.js';
import { renderGateNotes } from '../../core/render/render-gate-notes.js';

/** What the action reads, already resolved by main.ts from its inputs and the runner's environment. */
export interface RunInputs {
  /** The event that triggered the workflow: only pull_request and pull_request_target are evaluated. */
  eventName: string;
  eventPath: string;
  evidence: string;
  config: string;
  /** True when the config input is its default: a missing file then means the defaults. */
  configIsDefault: boolean;
  catalog?: string;
  changedFiles?: string;
  waivers?: string;
  /** Folder for the result files (the runner's temp folder). */
  outputDir: string;
  now: string;
}

/** The runner I/O the action uses: `@actions/core` in production, a fake in tests. */
export interface ActionIo {
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * Enforce GA Gates Evidence inside a workflow: evaluates the PR against the catalog from the
 * evidence reports on disk, writes the gate notes to the job summary, the full result and the
 * decision log to files, sets outputs, and fails the step unless the gate passed or nothing applied.
 */
export async function run(inputs: RunInputs, io: ActionIo): Promise<GateResult | undefined> {
  try {
    if (!PULL_REQUEST_EVENTS.has(inputs.eventName)) {
      throw new MaestroError('USAGE', `Enforce GA Gates Evidence evaluates pull requests, but this run was triggered by ${inputs.eventName}`, {
        remedy: 'run the workflow on pull_request (or pull_request_target) events.',
      });
    }
    const config = inputs.configIsDefault && !existsSync(inputs.config) ? undefined : inputs.config;
    if (!config) io.info(`${inputs.config} does not exist: using the default configuration.`);
    if (!existsSync(inputs.evidence)) io.warning(`Evidence folder ${inputs.evidence} does not exist: every requirement without evidence is reported missing. Download the maestro-evidence artifacts into it first.`);
    const evidence = existsSync(inputs.evidence) ? inputs.evidence : emptyFolder(inputs.outputDir);

    const result = await evaluateFromFiles({ event: inputs.eventPath, evidence, config, catalog: inputs.catalog, changedFiles: inputs.changedFiles, waivers: inputs.waivers, now: inputs.now });
    const reportPath = join(inputs.outputDir, 'maestro-gate-result.json');
    const decisionLogPath = join(inputs.outputDir, 'maestro-decision-log.json');
    await writeFileAtomic(reportPath, `${JSON.stringify(result, null, 2)}\n`);
    await writeFileAtomic(decisionLogPath, `${JSON.stringify(toDecisionLog(result, { name: 'maestro-action', version: VERSION }), null, 2)}\n`);
    await io.appendSummary(renderGateNotes(result));

    const failing = result.controls.filter((c) => c.blocking && FAILING.has(c.result)).map((c) => c.controlId);
    io.setOutput('conclusion', result.conclusion);
    io.setOutput('report-path', reportPath);
    io.setOutput('decision-log-path', decisionLogPath);
    io.setOutput('failing-controls', failing.join(','));
    io.setOutput('applicable-controls', String(result.controls.length - result.counts['not-applicable']));
    io.info(result.headline);
    if (result.conclusion === 'failure' || result.conclusion === 'action_required') io.setFailed(result.headline);
    return result;
  } catch (error) {
    io.setFailed(isMaestroError(error) ? formatError(error) : `internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return undefined;
  }
}

/** An empty folder to read when the evidence folder is absent. */
function emptyFolder(outputDir: string): string {
  const dir = join(outputDir, 'maestro-empty-evidence');
  mkdirSync(dir, { recursive: true });
  return dir;
}
