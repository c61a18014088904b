import { MaestroError } from '../core/errors.js';
import type { ReportContext } from '../core/evidence/build-report.js';
import { concludeAttestations, evaluateAttestations } from '../core/gates/attestation/evaluate-attestations.js';
import type { AttestationData, AttestationPolicy, HashedArtifact, QuarantineMode } from '../core/gates/attestation/types.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import type { ArtifactHasher } from '../core/ports/artifact-hasher.js';
import type { ArtifactQuarantine } from '../core/ports/artifact-quarantine.js';
import { assertAttestationInputs, verifyAttestationBundles, type BundleVerificationIo } from './verify-attestation-bundles.js';

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

/** What the attestation gate works through: the files and verifier of bundle verification, and the artifacts themselves. */
export interface AttestationIo extends BundleVerificationIo {
  hasher: ArtifactHasher;
  quarantine: ArtifactQuarantine;
}

/** Hashes the artifacts, verifies the bundles offline, decides each artifact and quarantines the unverified ones. */
export async function attestationFromFiles(input: AttestationFiles, context: ReportContext, io: AttestationIo): Promise<GateOutcome<AttestationData>> {
  assertAttestationInputs(input.artifacts, input.bundles);
  if (!input.identity && !input.key) {
    throw new MaestroError('USAGE', 'no signer policy: give the identity (and issuer) for keyless bundles, or the public key for key-signed ones', {
      remedy: 'for GitHub Actions: identity ^https://github.com/OWNER/REPO/ and issuer https://token.actions.githubusercontent.com.',
    });
  }
  const hashed: HashedArtifact[] = [];
  for (const path of input.artifacts) hashed.push({ path, digests: await io.hasher.hash(path) });
  const publicKeyPem = input.key ? (await io.files.read(input.key, 'public key', 64 * 1024)).toString('utf8') : undefined;
  const outcomes = await verifyAttestationBundles({
    bundles: input.bundles,
    artifacts: hashed,
    policy: { ...(input.identity ? { identity: parseIdentity(input.identity) } : {}), ...(input.issuer ? { issuer: input.issuer } : {}), ...(publicKeyPem ? { publicKeyPem } : {}) },
    ...(input.trustedRoot ? { trustedRoot: input.trustedRoot } : {}),
  }, io);
  const policy: AttestationPolicy = {
    ...(input.identity ? { identity: input.identity } : {}),
    ...(input.issuer ? { issuer: input.issuer } : {}),
    ...(input.key ? { key: true } : {}),
    trustedRoot: input.trustedRoot ?? 'sigstore public-good (shipped)',
    predicateType: input.predicateType,
  };
  const results = evaluateAttestations({ artifacts: hashed, bundles: outcomes, policy });
  const paths = await io.quarantine.setAside(results.filter((r) => !r.verified).map((r) => r.path), input.quarantine, input.quarantineDir);
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
