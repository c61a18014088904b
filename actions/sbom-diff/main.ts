/** Entry point of the SBOM diff gate action: reads the inputs and hands the runner I/O to `run`. */
import * as core from '@actions/core';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { listInput, optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { run } from './run.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('sbom-diff');
  await run(
    {
      base: core.getInput('base', { required: true }),
      head: core.getInput('head', { required: true }),
      deniedLicenses: listInput('deny-licenses'),
      deniedPackages: listInput('deny-packages'),
      copyleft: optionalInput('copyleft') ?? 'strong',
      subject,
      settings,
      env: process.env,
    },
    io,
  );
} catch (error) {
  failStep(error, io);
}
