/**
 * Entry point of the root action "Enforce GA Gates Evidence": reads the action inputs and the
 * runner's environment into `RunInputs`, and hands the runner I/O to `run`.
 */
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { coreIo } from '../core-io.js';
import { optionalInput } from '../lib/read-gate-inputs.js';
import type { ActionIo } from './run.js';

const DEFAULT_CONFIG = '.github/maestro.yml';

const io: ActionIo = coreIo;

const config = core.getInput('config') || DEFAULT_CONFIG;
const token = core.getInput('github-token');
if (token) core.setSecret(token);

const inputs = {
  eventName: process.env.GITHUB_EVENT_NAME ?? '',
  eventPath: process.env.GITHUB_EVENT_PATH ?? '',
  evidence: core.getInput('evidence') || 'maestro-evidence',
  config,
  configIsDefault: config === DEFAULT_CONFIG,
  catalog: optionalInput('catalog'),
  catalogMode: optionalInput('catalog-mode'),
  changedFiles: optionalInput('changed-files'),
  waivers: optionalInput('waivers'),
  outputDir: process.env.RUNNER_TEMP || tmpdir(),
  now: optionalInput('now') ?? new Date().toISOString(),
  checkRun: core.getInput('check-run') !== 'false',
};
// The gate engine and the GitHub client load only once the inputs are read.
const [{ run }, { createWorkflowGitHub }] = await Promise.all([import('./run.js'), import('../../adapters/github/workflow-github.js')]);
await run(
  inputs,
  io,
  token ? (repo) => createWorkflowGitHub(token, repo, process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}) : undefined,
);
