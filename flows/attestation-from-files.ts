import { resolve } from 'node:path';
import { MaestroError } from '../core/errors.js';
import type { ReportContext } from '../core/evidence/build-report.js';
import { concludeAttestations, evaluateAttestations } from '../core/gates/attestation/evaluate-attestations.js';
import type { AttestationData, AttestationPolicy, HashedArtifact, QuarantineMode } from '../core/gates/attestation/types.js';
import type { GateOutcome } from '../core/gates/gate-outcome.js';
import { hashArtifact } from '../adapters/fs/hash-artifact.js';
import { quarantineArtifacts } from '../adapters/fs/quarantine-artifacts.js';
import { readInputFile } from '../adapters/fs/read-input-file.js';
import { assertAttestationInputs, verifyAttestationBundles } from './verify-attestation-bundles.js';

/** The attestation gate's inputs as files and names, shared by `maestro verify-attestation` and actions/attestation. */
export interface AttestationFiles {
  artifacts: string[];
  bundles: string[];
  /** Expected certificate identity; `^...` or `/.../` is a regular expression. */
  identity?: string;
  issuer?: string;
  /** PEM public key file for key-signed bundles. */
  key?: string;
  trustedRoot?: string;
  predicateType: string;
  quarantine: QuarantineMode;
  quarantineDir: string;
}

/** Hashes the artifacts, verifies the bundles offline, decides each artifact and quarantines the unverified ones. */
export async function attestationFromFiles(input: AttestationFiles, context: ReportContext): Promise<GateOutcome<AttestationData>> {
  assertAttestationInputs(input.artifacts, input.bundles);
  if (!input.identity && !input.key) {
    throw new MaestroError('USAGE', 'no signer policy: give the identity (and issuer) for keyless bundles, or the public key for key-signed ones', {
      remedy: 'for GitHub Actions: identity ^https://github.com/OWNER/REPO/ and issuer https://token.actions.githubusercontent.com.',
    });
  }
  const hashed: HashedArtifact[] = [];
  for (const path of input.artifacts) hashed.push({ path, digests: await hashArtifact(path) });
  const publicKeyPem = input.key ? (await readInputFile(input.key, 'public key', 64 * 1024)).toString('utf8') : undefined;
  const outcomes = await verifyAttestationBundles({
    bundles: input.bundles,
    artifacts: hashed,
    policy: { ...(input.identity ? { identity: parseIdentity(input.identity) } : {}), ...(input.issuer ? { issuer: input.issuer } : {}), ...(publicKeyPem ? { publicKeyPem } : {}) },
    ...(input.trustedRoot ? { trustedRoot: input.trustedRoot } : {}),
  });
  const policy: AttestationPolicy = {
    ...(input.identity ? { identity: input.identity } : {}),
    ...(input.issuer ? { issuer: input.issuer } : {}),
    ...(input.key ? { key: true } : {}),
    trustedRoot: input.trustedRoot ?? 'sigstore public-good (shipped)',
    predicateType: input.predicateType,
  };
  const results = evaluateAttestations({ artifacts: hashed, bundles: outcomes, policy });
  const paths = await quarantineArtifacts(results.filter((r) => !r.verified).map((r) => r.path), input.quarantine, resolve(input.quarantineDir));
  return concludeAttestations(results, policy, { mode: input.quarantine, paths }, context);
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
    throw new MaestroError('USAGE', `identity ${JSON.stringify(value)} is not a valid regular expression: ${(cause as Error).message}`, { remedy: 'fix the pattern, or give the exact identity without a leading ^.', cause });
  }
}
