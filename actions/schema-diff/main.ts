/** Entry point of the schema-diff gate action: reads the inputs and hands the runner I/O to `run`. */
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { optionalInput, readGateInputs, requiredInput } from '../lib/read-gate-inputs.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('schema-diff');
  const inputs = { schema: requiredInput('schema'), oldSchema: optionalInput('old-schema'), operations: optionalInput('operations'), approvalLabel: optionalInput('approval-label') ?? 'approved-breaking-change', subject, settings, env: process.env, cwd: process.cwd() };
  // The GraphQL tooling loads only once the inputs are read.
  const { run } = await import('./run.js');
  await run(inputs, io);
} catch (error) {
  failStep(error, io);
}
