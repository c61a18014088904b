/** Entry point of the attestation gate action: reads the inputs and hands the runner I/O to `run`. */
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { listInput, optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { run } from './run.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('attestation');
  await run(
    {
      artifacts: listInput('artifacts'),
      bundles: listInput('bundles'),
      identity: optionalInput('identity'),
      issuer: optionalInput('issuer'),
      key: optionalInput('key'),
      trustedRoot: optionalInput('trusted-root'),
      predicateType: optionalInput('predicate-type') ?? 'slsa',
      quarantine: optionalInput('quarantine') ?? 'rename',
      quarantineDir: optionalInput('quarantine-dir') ?? 'quarantine',
      subject,
      settings,
      env: process.env,
    },
    io,
  );
} catch (error) {
  failStep(error, io);
}
