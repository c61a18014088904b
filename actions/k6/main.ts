/** Entry point of the k6 gate action: reads the inputs and hands the runner I/O to `run`. */
import { existsSync } from 'node:fs';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { booleanInput, listInput, optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('k6');
  const inputs = {
    summary: optionalInput('summary'),
    script: optionalInput('script'),
    k6Args: listInput('k6-args'),
    thresholds: listInput('thresholds'),
    baseline: optionalInput('baseline'),
    maxP95Regression: optionalInput('max-p95-regression'),
    catalogThresholds: booleanInput('catalog-thresholds', true),
    catalog: optionalInput('catalog'),
    config: configInput(),
    subject,
    settings,
    env: process.env,
  };
  // The gate's code loads only once the inputs are read.
  const { run } = await import('./run.js');
  await run(inputs, io);
} catch (error) {
  failStep(error, io);
}

/** The config input; its default path counts only when the file exists. */
function configInput(): string | undefined {
  const path = optionalInput('config') ?? '.github/maestro.yml';
  return path === '.github/maestro.yml' && !existsSync(path) ? undefined : path;
}
