/**
 * Entry point of the evidence-bundle action: reads the action inputs (passed by action.yml as
 * INPUT_* variables) and the runner's environment into `RunInputs`, and hands the runner I/O and
 * the release's GitHub to `run`.
 */
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreIo } from '../core-io.js';
import { optionalInput } from '../lib/read-gate-inputs.js';
import type { ActionIo, RunInputs } from './run.js';

const io: ActionIo = coreIo;

const release = core.getInput('release') || process.env.GITHUB_REF_NAME || '';
const server = process.env.GITHUB_SERVER_URL ?? '';
const token = core.getInput('github-token');
if (token) core.setSecret(token);

/** A source input: `github` (ask the API), `none`, or a path or URL. */
function sourceInput(name: string): { github: boolean; path?: string } {
  const value = core.getInput(name) || 'github';
  return value === 'github' ? { github: true } : value === 'none' ? { github: false } : { github: false, path: value };
}

const pulls = sourceInput('pulls');
const decisionLogs = sourceInput('decision-logs');
const artifactName = core.getInput('decision-log-artifact') || undefined;

const inputs: RunInputs = {
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
  pack: core.getInput('pack') || 'true',
  pulls: pulls.path,
  decisionLogs: decisionLogs.path,
  fromGitHub: { pulls: pulls.github, decisionLogs: decisionLogs.github },
  reports: optionalInput('reports'),
  catalog: optionalInput('catalog'),
  decisionLogArtifact: artifactName,
  overrideRequired: optionalInput('override-required'),
};
// A proxy configured for the runner needs @actions/github's own fetch; otherwise Node's.
const proxied = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].some((name) => process.env[name]);
// The bundle, signing, store and GitHub code loads only once the inputs are read.
const [{ run }, { createReleaseGitHub }] = await Promise.all([import('./run.js'), import('../../adapters/github/release-github.js')]);
await run(inputs, io, token ? () => createReleaseGitHub(token, inputs.repo, {
  ...(artifactName ? { artifactName } : {}),
  ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
  ...(proxied ? {} : { fetch: globalThis.fetch }),
}) : undefined);
