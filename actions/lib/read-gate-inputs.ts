import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import type { PublishSettings } from './publish-gate-outcome.js';

/** An optional input: undefined when empty. */
export function optionalInput(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

/** A required input: a usage error naming it when empty (`core.getInput`'s own error would read as an internal one). */
export function requiredInput(name: string): string {
  const value = core.getInput(name);
  if (value === '') throw new MaestroError('USAGE', `the input ${name} is required and was not given`, { remedy: `set ${name} in the step's with: block.` });
  return value;
}

/** A multi-line input: one value per line, blank lines and surrounding spaces dropped. */
export function listInput(name: string): string[] {
  return core.getMultilineInput(name).map((line) => line.trim()).filter((line) => line !== '');
}

/** A boolean input in YAML 1.2 core schema form (true/True/TRUE/false/...), with a default when empty. */
export function booleanInput(name: string, fallback: boolean): boolean {
  return core.getInput(name) === '' ? fallback : core.getBooleanInput(name);
}

/**
 * The inputs every gate action shares: `upload`, `artifact-name`, `retention-days`, `output-dir`, and
 * the subject overrides `repo`, `sha`, `pr`. The report goes to `output-dir`, by default a folder in
 * the runner's temp space named after the artifact.
 */
export function readGateInputs(gate: string): { settings: PublishSettings; subject: SubjectOverrides } {
  const artifactName = optionalInput('artifact-name') ?? `maestro-evidence-${gate}`;
  if (!/^maestro-evidence[A-Za-z0-9._-]{0,200}$/.test(artifactName)) {
    throw new MaestroError('USAGE', `artifact-name ${JSON.stringify(artifactName)} does not start with maestro-evidence or has characters other than letters, digits, dot, dash and underscore`, {
      remedy: 'name it maestro-evidence-<something>: the gate check only reads artifacts whose names start with maestro-evidence.',
    });
  }
  const retention = optionalInput('retention-days');
  if (retention !== undefined && !/^[1-9][0-9]{0,2}$/.test(retention)) {
    throw new MaestroError('USAGE', `retention-days ${JSON.stringify(retention)} is not a number of days`, { remedy: 'set retention-days to a whole number from 1 to 90 (or your organisation\'s maximum), or leave it empty for the repository default.' });
  }
  const outputDir = optionalInput('output-dir') ?? join(process.env.RUNNER_TEMP || tmpdir(), artifactName);
  return {
    settings: { outputDir, upload: booleanInput('upload', true), artifactName, retentionDays: retention === undefined ? undefined : Number(retention) },
    subject: { repo: optionalInput('repo'), sha: optionalInput('sha'), pr: optionalInput('pr') },
  };
}
