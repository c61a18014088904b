import type { ReportContext } from '../core/evidence/build-report.js';
import type { GateOutcome } from '../core/gates/gate-outcome.js';
import { evaluateSbomDiff } from '../core/gates/sbom-diff/evaluate-sbom-diff.js';
import { parseSbom } from '../core/gates/sbom-diff/parse-sbom.js';
import type { SbomDiffData, SbomPolicy } from '../core/gates/sbom-diff/types.js';
import { readJsonFile } from '../adapters/fs/read-input-file.js';

/** Largest SBOM read: a 100,000-component CycloneDX SBOM is about 60 MB. */
export const MAX_SBOM_BYTES = 256 * 1024 * 1024;

/** Reads both SBOMs and decides the SBOM diff gate; shared by `maestro sbom-diff` and actions/sbom-diff. */
export async function sbomDiffFromFiles(input: { base: string; head: string; policy: SbomPolicy }, context: ReportContext): Promise<GateOutcome<SbomDiffData>> {
  const base = parseSbom(await readJsonFile(input.base, 'base SBOM', MAX_SBOM_BYTES), input.base);
  const head = parseSbom(await readJsonFile(input.head, 'head SBOM', MAX_SBOM_BYTES), input.head);
  return evaluateSbomDiff(base, head, input.policy, context);
}
