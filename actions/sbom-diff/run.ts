import { MaestroError } from '../../core/errors.js';
import type { GateOutcome } from '../../core/result/gate-outcome.js';
import type { SbomDiffData, SbomPolicy } from '../../core/gates/sbom-diff/types.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { resolveReportContext, type SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import { sbomDiffFromFiles } from '../../flows/sbom-diff-from-files.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The sbom-diff action's inputs, resolved by main.ts. */
export interface SbomDiffRunInputs {
  base: string;
  head: string;
  deniedLicenses: string[];
  deniedPackages: string[];
  copyleft: string;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
}

const LEVELS: SbomPolicy['copyleft'][] = ['strong', 'all', 'off'];

/** The SBOM diff gate in a workflow: diffs the SBOMs, checks the policy, publishes maestro-evidence-sbom-diff. */
export function run(inputs: SbomDiffRunInputs, io: GateActionIo): Promise<GateOutcome<SbomDiffData> | undefined> {
  return runGateAction(async () => {
    const copyleft = inputs.copyleft as SbomPolicy['copyleft'];
    if (!LEVELS.includes(copyleft)) throw new MaestroError('USAGE', `copyleft ${JSON.stringify(inputs.copyleft)} is not one of ${LEVELS.join(', ')}`, { remedy: 'set copyleft to strong, all or off.' });
    const context = resolveReportContext('maestro-action', inputs.subject, inputs.env);
    return sbomDiffFromFiles({ base: inputs.base, head: inputs.head, policy: { deniedLicenses: inputs.deniedLicenses, deniedPackages: inputs.deniedPackages, copyleft } }, context, { files: fsInputFiles });
  }, inputs.settings, io);
}
