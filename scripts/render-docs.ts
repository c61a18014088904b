/**
 * Regenerates the parts of README.md that are derived from the code: the controls catalog
 * reference (from controls/*.yml) and the configuration reference (from the config schema).
 * A test fails when README.md is stale; run `npm run docs` to fix it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadmeSections } from '../core/render/render-readme-sections.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const path = join(root, 'README.md');
const next = renderReadmeSections(readFileSync(path, 'utf8'));
writeFileSync(`${path}.tmp`, next);
renameSync(`${path}.tmp`, path);
console.log('README.md: catalog and configuration references regenerated');

const { GATE_NOTES_SAMPLE_PATH, renderGateNotesSample } = await import('./render-gate-notes-sample.js');
const sample = join(root, GATE_NOTES_SAMPLE_PATH);
writeFileSync(`${sample}.tmp`, await renderGateNotesSample(root));
renameSync(`${sample}.tmp`, sample);
console.log(`${GATE_NOTES_SAMPLE_PATH}: gate-notes comment template regenerated`);
