import { loadCatalog } from '../../../adapters/fs/load-catalog.js';
import { readEvidenceDir } from '../../../adapters/fs/read-evidence-dir.js';
import { fsInputFiles } from '../../../adapters/fs/read-input-file.js';
import type { GateResult } from '../../../core/engine/types.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import type { GateNoteLinks } from '../../../core/render/gate-note-links.js';
import { evaluateFromFiles } from '../../../flows/evaluate-from-files.js';
import { withGateInputs, type GateInputs } from '../../../cli/output-format-gate.js';
import { a11yData, counts, driftData, item, makePr, makeReport, NOW } from '../../helpers/build-evidence.js';
import { run } from '../../helpers/engine.js';

/** Links fixed to one version, so the goldens do not change with a release. */
export const GOLDEN_LINKS: GateNoteLinks = { version: '0.1.0', shippedCatalogDigest: defaultCatalog.digest };

/** The inputs examples/run.sh gives `maestro gate` for each example. */
export const EXAMPLE_INPUTS: Record<'pr-passing' | 'pr-failing', GateInputs> = {
  'pr-passing': { event: 'examples/pr-passing/event.json', evidence: 'examples/pr-passing/evidence', changedFiles: 'examples/pr-passing/changed-files.txt', config: 'examples/maestro.yml', links: 'examples/pr-passing/links.json' },
  'pr-failing': { event: 'examples/pr-failing/event.json', evidence: 'examples/pr-failing/evidence', changedFiles: 'examples/pr-failing/changed-files.txt', config: 'examples/maestro.yml', waivers: 'examples/pr-failing/waivers.json' },
};

/**
 * An example evaluated with `--now 2026-11-20T12:00:00Z` (from the repository root): as the App and
 * the root action have it, or, with `cli`, as `maestro gate` has it (its reproduce step names its inputs).
 */
export async function exampleResult(name: keyof typeof EXAMPLE_INPUTS, cli = false): Promise<GateResult> {
  const inputs = EXAMPLE_INPUTS[name];
  const result = await evaluateFromFiles({ ...inputs, now: NOW }, { files: fsInputFiles, loadCatalog, readEvidence: readEvidenceDir });
  return cli ? withGateInputs(result, inputs) : result;
}

/** A run's artifact, as the App and the root action link evidence they downloaded. */
const artifact = (run: number, id: number): string => `https://github.com/acme/web/actions/runs/${run}/artifacts/${id}`;

/**
 * A pull request that fails every control of the shipped catalog: each applies (a label of each),
 * most have no evidence; the a11y report fails, the drift report is stale and the k6 summary is
 * invalid, each downloaded from a workflow run (so their links show).
 */
export async function everyControlFails(): Promise<GateResult> {
  const labels = [...new Set(defaultCatalog.controls.flatMap((c) => c.applies.labels?.slice(0, 1) ?? []))];
  const withUrl = (path: string, report: unknown, url: string) => {
    const parsed = item(path, report);
    return { ...parsed, ref: { ...parsed.ref, url } };
  };
  return run({
    pr: makePr({ labels, htmlUrl: 'https://github.com/acme/web/pull/42' }),
    evidence: [
      withUrl('maestro-evidence-a11y/a11y.json', makeReport('a11y', a11yData(counts(2, 0, 0, 9))), artifact(901, 11)),
      withUrl('maestro-evidence-drift/drift-report.json', makeReport('drift-report', driftData('clean'), { createdAt: '2026-11-01T10:00:00Z' }), artifact(902, 12)),
      withUrl('maestro-evidence-k6/k6-summary.json', makeReport('k6-summary', { metrics: 'not an object' }), artifact(903, 13)),
    ],
  });
}

/** The worst case for size: every control of the catalog fails, each with a long, hostile explanation. */
export async function worstCase(): Promise<GateResult> {
  const base = await everyControlFails();
  const long = (n: number): string => `${'<script>alert(1)</script> | @acme/everyone #1 **/auth/** 1.0.0 http://127.0.0.1/x '.repeat(40)}${n}`;
  return {
    ...base,
    controls: base.controls.map((c, i) => ({ ...c, explanation: long(i), notes: [long(i + 100)], requirements: c.requirements.map((r) => ({ ...r, explanation: long(i + 200) })) })),
  };
}
