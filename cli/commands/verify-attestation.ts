import type { QuarantineMode } from '../../core/gates/attestation/types.js';
import { attestationFromFiles } from '../../flows/attestation-from-files.js';
import { fsArtifactHasher } from '../../adapters/fs/hash-artifact.js';
import { fsArtifactQuarantine } from '../../adapters/fs/quarantine-artifacts.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { resolveReportContext } from '../../adapters/fs/resolve-report-context.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Options of `maestro verify-attestation`, as the command line gives them. */
export interface VerifyAttestationOptions extends GateOutputOptions {
  artifact?: string[];
  bundle?: string[];
  identity?: string;
  issuer?: string;
  key?: string;
  trustedRoot?: string;
  predicateType: string;
  quarantine: QuarantineMode;
  quarantineDir: string;
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro verify-attestation`: verify Sigstore bundles for artifacts offline, quarantine the unverified ones. */
export async function verifyAttestationCommand(options: VerifyAttestationOptions): Promise<number> {
  const context = resolveReportContext('maestro-cli', options, process.env);
  const bundles = options.bundle ?? [];
  const outcome = await attestationFromFiles({ ...options, artifacts: options.artifact ?? [], bundles }, context, { files: fsInputFiles, verifyBundle: verifySigstoreBundle, hasher: fsArtifactHasher, quarantine: fsArtifactQuarantine });
  return emitGateOutcome(outcome, options, bundles.join(', '));
}
