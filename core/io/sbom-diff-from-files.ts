import type { ReportContext } from '../evidence/build-report.js';
import type { GateOutcome } from '../gates/gate-outcome.js';
import { evaluateSbomDiff } from '../gates/sbom-diff/evaluate-sbom-diff.js';
import { parseSbom } from '../gates/sbom-diff/parse-sbom.js';
import type { SbomDiffData, SbomPolicy } from '../gates/sbom-diff/types.js';
import { readJsonFile } from './read-input-file.js';

/** Largest SBOM read: a 100,000-component CycloneDX SBOM is about 60 MB. */
export const MAX_SBOM_BYTES = 256 * 1024 * 1024;

/** Reads both SBOMs and decides the SBOM diff gate; shared by `maestro sbom-diff` and actions/sbom-diff. */
export async function sbomDiffFromFiles(input: { base: string; head: string; policy: SbomPolicy }, context: ReportContext): Promise<GateOutcome<SbomDiffData>> {
  const base = parseSbom(await readJsonFile(input.base, 'base SBOM', MAX_SBOM_BYTES), input.base);
  const head = parseSbom(await readJsonFile(input.head, 'head SBOM', MAX_SBOM_BYTES), input.head);
  return evaluateSbomDiff(base, head, input.policy, context);
}
