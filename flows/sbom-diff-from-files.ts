import type { ReportContext } from '../core/evidence/build-report.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import { evaluateSbomDiff } from '../core/gates/sbom-diff/evaluate-sbom-diff.js';
import { parseSbom } from '../core/gates/sbom-diff/parse-sbom.js';
import type { SbomDiffData, SbomPolicy } from '../core/gates/sbom-diff/types.js';
import type { InputFiles } from '../core/ports/input-files.js';

/** Largest SBOM read: a 100,000-component CycloneDX SBOM is about 60 MB. */
export const MAX_SBOM_BYTES = 256 * 1024 * 1024;

/** What the SBOM diff gate reads through: the two SBOM files. */
export interface SbomDiffIo {
  files: InputFiles;
}

/** Reads both SBOMs and decides the SBOM diff gate; shared by `maestro sbom-diff` and actions/sbom-diff. */
export async function sbomDiffFromFiles(input: { base: string; head: string; policy: SbomPolicy }, context: ReportContext, io: SbomDiffIo): Promise<GateOutcome<SbomDiffData>> {
  const base = parseSbom(await io.files.readJson(input.base, 'base SBOM', MAX_SBOM_BYTES), input.base);
  const head = parseSbom(await io.files.readJson(input.head, 'head SBOM', MAX_SBOM_BYTES), input.head);
  return evaluateSbomDiff(base, head, input.policy, context);
}
