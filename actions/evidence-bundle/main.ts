/**
 * Entry point of the evidence-bundle action: reads the action inputs (passed by action.yml as
 * INPUT_* variables) and the runner's environment into `RunInputs`, and hands the runner I/O to `run`.
 */
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreIo } from '../core-io.js';
import { optionalInput } from '../lib/read-gate-inputs.js';
import type { ActionIo } from './run.js';

const io: ActionIo = coreIo;

const release = core.getInput('release') || process.env.GITHUB_REF_NAME || '';
const server = process.env.GITHUB_SERVER_URL ?? '';

const inputs = {
  release,
  artifacts: core.getInput('artifacts') || 'maestro-evidence',
  out: optionalInput('out') ?? join(process.env.RUNNER_TEMP || tmpdir(), 'maestro-evidence-bundle', release.replace(/\//g, '-')),
  previous: optionalInput('previous'),
  previousRelease: optionalInput('previous-release'),
  sign: core.getInput('sign') || 'keyless',
  store: optionalInput('store'),
  ledgerStore: optionalInput('ledger-store'),
  repo: process.env.GITHUB_REPOSITORY ?? '',
  commit: optionalInput('commit') ?? process.env.GITHUB_SHA ?? 'HEAD',
  workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
  runUrl: server.startsWith('https://') && process.env.GITHUB_RUN_ID ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined,
  actor: process.env.GITHUB_ACTOR,
};
// The bundle, signing and store code loads only once the inputs are read.
const { run } = await import('./run.js');
await run(inputs, io);
