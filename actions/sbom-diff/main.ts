/** Entry point of the SBOM diff gate action: reads the inputs and hands the runner I/O to `run`. */
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { listInput, optionalInput, readGateInputs, requiredInput } from '../lib/read-gate-inputs.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('sbom-diff');
  const inputs = {
    base: requiredInput('base'),
    head: requiredInput('head'),
    deniedLicenses: listInput('deny-licenses'),
    deniedPackages: listInput('deny-packages'),
    copyleft: optionalInput('copyleft') ?? 'strong',
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
