import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkPins } from '../../core/release/check-pins.js';
import { findPins, OWN_REPOSITORY } from '../../core/release/find-pins.js';
import { gitRepository } from '../../scripts/release/git-repository.js';
import { listPinnedFiles } from '../../scripts/release/pinned-files.js';

/**
 * Every reference to this repository that a caller runs (the caller templates, the reusable
 * workflows, the docs) resolves in its git history: a commit that holds every file the reference
 * uses, tagged with the version its comment names. Until the first release is cut
 * (npm run release -- <version>, CONTRIBUTING.md) this fails, naming each pin.
 */
const root = process.env.MAESTRO_PINS_ROOT ?? resolve(import.meta.dirname, '../..');
const files = listPinnedFiles(root);
const pins = files.flatMap((file) => findPins(file.text).map((pin) => ({ file: file.path, ...pin })));

describe(`pins of ${OWN_REPOSITORY}`, () => {
  it('are found in the caller templates and the reusable workflows', () => {
    expect(pins.filter((p) => p.file.startsWith('templates/')).length).toBeGreaterThanOrEqual(5);
    expect(pins.filter((p) => p.file === '.github/workflows/ga-gates.yml').map((p) => p.target).sort()).toEqual(['', 'actions/a11y', 'actions/attestation', 'actions/k6', 'actions/sbom-diff', 'actions/schema-diff', 'actions/slo']);
    expect(pins.filter((p) => p.kind === 'default').map((p) => `${p.file} ${p.target}`)).toEqual(['.github/workflows/drift.yml template-ref', '.github/workflows/drift.yml maestro-ref', '.github/workflows/drills.yml maestro-ref', '.github/workflows/release-evidence.yml maestro-ref', '.github/workflows/scoreboard.yml maestro-ref']);
  });

  it('name commits of this repository that hold what they use, tagged as their comment says, and reusable workflows call the actions of their own release', () => {
    const problems = checkPins(files, gitRepository(root)).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    expect(problems.join('\n')).toBe('');
  });

  it.each([
    ['the reusable workflows', (file: string) => file.startsWith('.github/workflows/')],
    ['the caller templates and the docs', (file: string) => !file.startsWith('.github/workflows/')],
  ])('name one release everywhere in %s, so a release moves every reference at once', (_where, which) => {
    const releases = new Set(pins.filter((p) => which(p.file)).map((p) => `${p.ref} # v${p.version}`));
    expect(releases.size).toBe(1);
  });
});
