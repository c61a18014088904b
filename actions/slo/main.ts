/** Entry point of the SLO gate action: reads the inputs and hands the runner I/O to `run`. */
import * as core from '@actions/core';
import { prometheusAuthorization } from '../../adapters/prometheus/prometheus-authorization.js';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { booleanInput, listInput, optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { failStep } from '../lib/run-gate-action.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('slo');
  const credentials = { authorization: optionalInput('authorization'), token: optionalInput('prometheus-token'), username: optionalInput('prometheus-username'), password: optionalInput('prometheus-password') };
  // Masked in the log before anything can print them, in every form they are sent in.
  for (const secret of [credentials.authorization, credentials.token, credentials.password]) if (secret) core.setSecret(secret);
  const { authorization, secrets } = prometheusAuthorization(credentials, { authorization: 'authorization', token: 'prometheus-token', username: 'prometheus-username', password: 'prometheus-password' });
  for (const secret of secrets) core.setSecret(secret);
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
