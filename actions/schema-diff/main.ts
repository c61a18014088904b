/** Entry point of the schema-diff gate action: reads the inputs and hands the runner I/O to `run`. */
import * as core from '@actions/core';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { failStep } from '../lib/run-gate-action.js';
import { optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { run } from './run.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('schema-diff');
  await run({ schema: core.getInput('schema', { required: true }), oldSchema: optionalInput('old-schema'), operations: optionalInput('operations'), approvalLabel: optionalInput('approval-label') ?? 'approved-breaking-change', subject, settings, env: process.env }, io);
} catch (error) {
  failStep(error, io);
}
