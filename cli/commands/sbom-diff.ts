import { evaluateSbomDiff } from '../../core/gates/sbom-diff/evaluate-sbom-diff.js';
import { parseSbom } from '../../core/gates/sbom-diff/parse-sbom.js';
import type { SbomPolicy } from '../../core/gates/sbom-diff/types.js';
import { readJsonFile } from '../../core/io/read-input-file.js';
import { resolveReportContext } from '../../core/io/resolve-report-context.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Largest SBOM read: a 100,000-component CycloneDX SBOM is about 60 MB. */
export const MAX_SBOM_BYTES = 256 * 1024 * 1024;

/** Options of `maestro sbom-diff`, as the command line gives them. */
export interface SbomDiffOptions extends GateOutputOptions {
  base: string;
  head: string;
  denyLicense?: string[];
  denyPackage?: string[];
  copyleft: SbomPolicy['copyleft'];
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro sbom-diff`: diff two SBOMs by package URL and check what the change brings in. */
export async function sbomDiffCommand(options: SbomDiffOptions): Promise<number> {
  const context = resolveReportContext('maestro-cli', options, process.env);
  const base = parseSbom(await readJsonFile(options.base, 'base SBOM', MAX_SBOM_BYTES), options.base);
  const head = parseSbom(await readJsonFile(options.head, 'head SBOM', MAX_SBOM_BYTES), options.head);
  const policy: SbomPolicy = { deniedLicenses: options.denyLicense ?? [], deniedPackages: options.denyPackage ?? [], copyleft: options.copyleft };
  return emitGateOutcome(evaluateSbomDiff(base, head, policy, context), options, options.head);
}
