import { MaestroError } from '../../core/errors.js';
import type { QuarantineMode } from '../../core/gates/attestation/types.js';
import { attestationFromFiles } from '../../flows/attestation-from-files.js';
import { fsArtifactHasher } from '../../adapters/fs/hash-artifact.js';
import { fsArtifactQuarantine } from '../../adapters/fs/quarantine-artifacts.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';
import { cliReportContext } from '../report-context.js';

/** Options of `maestro verify-attestation`, as the command line gives them. */
export interface VerifyAttestationOptions extends GateOutputOptions {
  artifact?: string[];
  bundle?: string[];
  identity?: string;
  issuer?: string;
  key?: string;
  trustedRoot?: string;
  predicateType: string;
  /** --quarantine: rename unverified artifacts *.quarantined, also by hand. */
  quarantine?: boolean;
  /** --quarantine-dir: move them into this folder instead. */
  quarantineDir?: string;
  /** --no-quarantine: leave them, also inside GitHub Actions. */
  noQuarantine?: boolean;
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro verify-attestation`: verify Sigstore bundles for artifacts offline, quarantine the unverified ones when asked (or inside GitHub Actions). */
export async function verifyAttestationCommand(options: VerifyAttestationOptions): Promise<number> {
  const quarantine = chooseQuarantine(options, process.env.GITHUB_ACTIONS === 'true');
  const context = cliReportContext(options);
  const bundles = options.bundle ?? [];
  const outcome = await attestationFromFiles({ ...options, artifacts: options.artifact ?? [], bundles, quarantine: quarantine.mode, quarantineDir: quarantine.dir }, context, { files: fsInputFiles, verifyBundle: verifySigstoreBundle, hasher: fsArtifactHasher, quarantine: fsArtifactQuarantine });
  return emitGateOutcome(outcome, options, bundles.join(', '));
}

/**
 * What happens to unverified artifacts. Renaming files is a step of a publishing pipeline: inside
 * GitHub Actions it is the default (a later step cannot ship them), while by hand the command only
 * reports, unless --quarantine or --quarantine-dir asks for it.
 */
export function chooseQuarantine(options: Pick<VerifyAttestationOptions, 'quarantine' | 'quarantineDir' | 'noQuarantine'>, inActions: boolean): { mode: QuarantineMode; dir: string } {
  if (options.noQuarantine && (options.quarantine || options.quarantineDir !== undefined)) {
    throw new MaestroError('USAGE', `--no-quarantine cannot be used with ${options.quarantine ? '--quarantine' : '--quarantine-dir'}`, { remedy: 'pass one of them.' });
  }
  if (options.quarantineDir !== undefined) return { mode: 'move', dir: options.quarantineDir };
  const wanted = options.noQuarantine ? false : options.quarantine || inActions;
  return { mode: wanted ? 'rename' : 'none', dir: 'quarantine' };
}
