import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DriftInput } from '../../../core/drift/detect-drift.js';
import type { WorkflowFile } from '../../../core/drift/types.js';

const root = resolve(import.meta.dirname, '../../fixtures/drift');

/** The workflows of one fixture repository (test/fixtures/drift/<name>/.github/workflows). */
export function workflows(name: string): WorkflowFile[] {
  const dir = join(root, name, '.github/workflows');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => ({ path: `.github/workflows/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** The drift input comparing a fixture repository with the fixture template. */
export function driftInput(repo: string): DriftInput {
  return { template: workflows('template'), repo: workflows(repo), templateSource: 'acme/ci-templates/.github/workflows' };
}
