import type { SbomPolicy } from '../../core/gates/sbom-diff/types.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { cliReportContext } from '../report-context.js';
import { sbomDiffFromFiles } from '../../flows/sbom-diff-from-files.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

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
  const context = cliReportContext(options);
  const policy: SbomPolicy = { deniedLicenses: options.denyLicense ?? [], deniedPackages: options.denyPackage ?? [], copyleft: options.copyleft };
  return emitGateOutcome(await sbomDiffFromFiles({ base: options.base, head: options.head, policy }, context, { files: fsInputFiles }), options, options.head);
}
