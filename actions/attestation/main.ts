/** Entry point of the attestation gate action: reads the inputs and hands the runner I/O to `run`. */
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { listInput, optionalInput, readGateInputs, requiredInput } from '../lib/read-gate-inputs.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('attestation');
  for (const name of ['artifacts', 'bundles']) requiredInput(name);
  const inputs = {
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
  };
  // sigstore loads only once the inputs are read.
  const { run } = await import('./run.js');
  await run(inputs, io);
} catch (error) {
  failStep(error, io);
}
