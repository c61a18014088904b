import type { AttestationData, QuarantineMode } from '../../core/gates/attestation/types.js';
import type { GateOutcome } from '../../core/result/gate-outcome.js';
import { attestationFromFiles, type AttestationFiles } from '../../flows/attestation-from-files.js';
import { fsArtifactHasher } from '../../adapters/fs/hash-artifact.js';
import { fsArtifactQuarantine } from '../../adapters/fs/quarantine-artifacts.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { resolveReportContext, type SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { MaestroError } from '../../core/errors.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The attestation action's inputs, resolved by main.ts. */
export interface AttestationRunInputs extends Omit<AttestationFiles, 'quarantine'> {
  /** rename, move or none; checked here, as the input is free text. */
  quarantine: string;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
}

const MODES: QuarantineMode[] = ['rename', 'move', 'none'];

/**
 * The attestation gate in a workflow: verifies the artifacts' Sigstore bundles offline, sets the
 * unverified ones aside, and publishes the report as maestro-evidence-attestation.
 */
export function run(inputs: AttestationRunInputs, io: GateActionIo): Promise<GateOutcome<AttestationData> | undefined> {
  return runGateAction(async () => {
    const quarantine = inputs.quarantine as QuarantineMode;
    if (!MODES.includes(quarantine)) throw new MaestroError('USAGE', `quarantine ${JSON.stringify(inputs.quarantine)} is not one of ${MODES.join(', ')}`, { remedy: 'set quarantine to rename (add .quarantined), move (to quarantine-dir) or none.' });
    const context = resolveReportContext('maestro-action', inputs.subject, inputs.env);
    return attestationFromFiles({ ...inputs, quarantine }, context, { files: fsInputFiles, verifyBundle: verifySigstoreBundle, hasher: fsArtifactHasher, quarantine: fsArtifactQuarantine });
  }, inputs.settings, io);
}
