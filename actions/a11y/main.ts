/** Entry point of the accessibility gate action: reads the inputs and hands the runner I/O to `run`. */
import { existsSync } from 'node:fs';
import { MaestroError } from '../../core/errors.js';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { failStep } from '../lib/run-gate-action.js';
import { run } from './run.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('a11y');
  const results = optionalInput('results');
  if (!results) throw new MaestroError('USAGE', 'the results input is empty', { remedy: 'set results to the JSON of axe.run() results written by your end-to-end tests or @axe-core/cli.' });
  const config = optionalInput('config') ?? '.github/maestro.yml';
  await run(
    {
      files: {
        results,
        baseline: optionalInput('baseline'),
        max: { critical: optionalInput('max-critical'), serious: optionalInput('max-serious'), moderate: optionalInput('max-moderate'), minor: optionalInput('max-minor') },
        catalog: optionalInput('catalog'),
        config: config === '.github/maestro.yml' && !existsSync(config) ? undefined : config,
      },
      subject,
      settings,
      env: process.env,
    },
    io,
  );
} catch (error) {
  failStep(error, io);
}
