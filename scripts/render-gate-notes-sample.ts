/**
 * The gate-notes comment template, templates/gate-notes.md: the comment the app posts on a pull
 * request, rendered from the failing example (examples/pr-failing) by the real renderer, so the
 * sample can never drift from what users see. `npm run docs` rewrites it; a test fails when it is stale.
 */
import { join } from 'node:path';
import { loadCatalog } from '../adapters/fs/load-catalog.js';
import { readEvidenceDir } from '../adapters/fs/read-evidence-dir.js';
import { fsInputFiles } from '../adapters/fs/read-input-file.js';
import { evaluateFromFiles } from '../flows/evaluate-from-files.js';
import { renderGateNotes } from '../core/render/render-gate-notes.js';

/** Where the sample lives in the repository. */
export const GATE_NOTES_SAMPLE_PATH = 'templates/gate-notes.md';

/** Renders the sample from the repository at `root`. */
export async function renderGateNotesSample(root: string): Promise<string> {
  const example = (file: string) => join(root, 'examples/pr-failing', file);
  const config = join(root, 'examples/maestro.yml');
  const result = await evaluateFromFiles({
    event: example('event.json'),
    evidence: example('evidence'),
    changedFiles: example('changed-files.txt'),
    config,
    waivers: example('waivers.json'),
    now: '2026-11-20T12:00:00Z',
  }, { files: fsInputFiles, loadCatalog, readEvidence: readEvidenceDir });
  // Changes the config makes are shown with the config's name: the app names the repository's file, not a path on this machine.
  return renderGateNotes(result, { marker: true }).split(config).join('Codertocat/Hello-World:.github/maestro.yml');
}
