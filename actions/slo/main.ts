/** Entry point of the SLO gate action: reads the inputs and hands the runner I/O to `run`. */
import * as core from '@actions/core';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { booleanInput, listInput, optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { failStep } from '../lib/run-gate-action.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('slo');
  const authorization = optionalInput('authorization');
  // Masked in the log, like any secret the workflow passes in.
  if (authorization) core.setSecret(authorization);
  const inputs = {
    files: {
      slo: optionalInput('slo'),
      prometheus: optionalInput('prometheus-url'),
      slis: optionalInput('slis'),
      at: optionalInput('at'),
      previous: optionalInput('previous'),
      timeout: optionalInput('timeout'),
      headers: listInput('headers'),
      authorization,
      caFile: optionalInput('ca-file'),
      clientCert: optionalInput('client-cert'),
      clientKey: optionalInput('client-key'),
      insecureSkipVerify: booleanInput('insecure-skip-verify', false),
    },
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
