import { resolve } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { concludeAttestations, evaluateAttestations } from '../../core/gates/attestation/evaluate-attestations.js';
import type { AttestationPolicy, HashedArtifact, QuarantineMode } from '../../core/gates/attestation/types.js';
import { hashArtifact } from '../../core/io/hash-artifact.js';
import { quarantineArtifacts } from '../../core/io/quarantine-artifacts.js';
import { readInputFile } from '../../core/io/read-input-file.js';
import { resolveReportContext } from '../../core/io/resolve-report-context.js';
import { assertAttestationInputs, verifyAttestationBundles } from '../../core/io/verify-attestation-bundles.js';
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
  const artifacts = options.artifact ?? [];
  const bundles = options.bundle ?? [];
  assertAttestationInputs(artifacts, bundles);
  if (!options.identity && !options.key) throw new MaestroError('USAGE', 'no signer policy: pass --identity (and --issuer) for keyless bundles, or --key for key-signed ones', { remedy: 'for GitHub Actions: --identity ^https://github.com/OWNER/REPO/ --issuer https://token.actions.githubusercontent.com.' });
  const context = resolveReportContext('maestro-cli', options, process.env);
  const hashed: HashedArtifact[] = [];
  for (const path of artifacts) hashed.push({ path, digests: await hashArtifact(path) });
  const publicKeyPem = options.key ? (await readInputFile(options.key, 'public key', 64 * 1024)).toString('utf8') : undefined;
  const outcomes = await verifyAttestationBundles({
    bundles,
    artifacts: hashed,
    policy: { ...(options.identity ? { identity: parseIdentity(options.identity) } : {}), ...(options.issuer ? { issuer: options.issuer } : {}), ...(publicKeyPem ? { publicKeyPem } : {}) },
    ...(options.trustedRoot ? { trustedRoot: options.trustedRoot } : {}),
  });
  const policy: AttestationPolicy = {
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.key ? { key: true } : {}),
    trustedRoot: options.trustedRoot ?? 'sigstore public-good (shipped)',
    predicateType: options.predicateType,
  };
  const results = evaluateAttestations({ artifacts: hashed, bundles: outcomes, policy });
  const unverified = results.filter((r) => !r.verified).map((r) => r.path);
  const paths = await quarantineArtifacts(unverified, options.quarantine, resolve(options.quarantineDir));
  const outcome = concludeAttestations(results, policy, { mode: options.quarantine, paths }, context);
  return emitGateOutcome(outcome, options, bundles.join(', '));
}

/**
 * An identity given as `^...` or `/.../` is a regular expression over the certificate's SAN (as
 * cosign's and gh's `--certificate-identity-regexp`); anything else must match exactly.
 */
export function parseIdentity(value: string): string | RegExp {
  const slashed = /^\/(.+)\/$/.exec(value);
  if (!slashed && !value.startsWith('^')) return value;
  try {
    return new RegExp(slashed ? slashed[1]! : value);
  } catch (cause) {
    throw new MaestroError('USAGE', `--identity ${JSON.stringify(value)} is not a valid regular expression: ${(cause as Error).message}`, { remedy: 'fix the pattern, or pass the exact identity without a leading ^.', cause });
  }
}
