import type { ReportContext } from '../../evidence/build-report.js';
import { renderAttestationOutcome } from '../../render/gates/render-attestation-outcome.js';
import { buildGateOutcome } from '../../result/build-gate-outcome.js';
import type { GateAnnotation, GateOutcome } from '../../result/gate-outcome.js';
import { readSlsaProvenance, SLSA_PREDICATES } from './read-slsa-provenance.js';
import type { ArtifactResult, AttestationData, AttestationPolicy, BundleOutcome, HashedArtifact, QuarantineMode } from './types.js';

/** What the attestation gate decides on. */
export interface AttestationInput {
  artifacts: HashedArtifact[];
  bundles: BundleOutcome[];
  policy: AttestationPolicy;
}

const MAX_LISTED_SUBJECTS = 5;

/**
 * Decides, for each artifact, whether a verified bundle vouches for it: a bundle whose statement
 * names one of the artifact's digests as a subject (or whose message signature signs its digest),
 * that passed every check, and whose predicate type the policy accepts. An artifact no bundle
 * claims fails the subject check, which is how a tampered artifact shows up.
 */
export function evaluateAttestations(input: AttestationInput): ArtifactResult[] {
  return input.artifacts.map((artifact) => evaluateArtifact(artifact, input.bundles, input.policy));
}

function evaluateArtifact(artifact: HashedArtifact, bundles: BundleOutcome[], policy: AttestationPolicy): ArtifactResult {
  const digests = new Set(Object.entries(artifact.digests).map(([alg, hex]) => `${alg}:${hex}`));
  const base = { path: artifact.path, digest: `sha256:${artifact.digests.sha256}` };
  const candidates = bundles.filter((b) => b.claims.some((c) => digests.has(c)));
  if (candidates.length === 0) {
    const claimed = [...new Set(bundles.flatMap((b) => b.claims.map((c, i) => `${b.names[i] ?? b.path} ${c.slice(0, 23)}…`)))];
    const listed = claimed.length > 0 ? `; the bundles name ${claimed.slice(0, MAX_LISTED_SUBJECTS).join(', ')}${claimed.length > MAX_LISTED_SUBJECTS ? ` and ${claimed.length - MAX_LISTED_SUBJECTS} more` : ''}` : '';
    return { ...base, verified: false, errors: [{ check: 'subject', message: `subject check failed: no bundle names this artifact's digest (${base.digest}) as a subject: the artifact is not the one that was signed${listed}` }] };
  }
  const verified = candidates.filter((b) => !b.error);
  const accepted = verified.filter((b) => acceptsPredicate(policy.predicateType, b.statement?.predicateType));
  const primary = accepted.find((b) => b.statement && SLSA_PREDICATES.includes(b.statement.predicateType)) ?? accepted[0];
  if (!primary) {
    const errors = candidates.filter((b) => b.error).map((b) => ({ check: b.error!.check, message: `${b.path}: ${b.error!.message}` }));
    for (const b of verified) errors.push({ check: 'predicate', message: `${b.path}: predicate check failed: the attestation is ${b.statement ? `of type ${b.statement.predicateType}` : 'a plain signature'}, the policy wants ${describePredicate(policy.predicateType)}` });
    return { ...base, verified: false, errors };
  }
  const result: ArtifactResult = { ...base, verified: true, bundle: primary.path, errors: [] };
  if (primary.signer?.identity) result.identity = primary.signer.identity;
  if (primary.signer?.issuer) result.issuer = primary.signer.issuer;
  if (primary.signer?.keyId) result.keyId = primary.signer.keyId;
  if (primary.statement) {
    result.predicateType = primary.statement.predicateType;
    const provenance = readSlsaProvenance(primary.statement);
    if (provenance) result.provenance = provenance;
  }
  return result;
}

function acceptsPredicate(wanted: string | undefined, actual: string | undefined): boolean {
  if (wanted === undefined || wanted === 'any') return true;
  if (wanted === 'slsa') return actual !== undefined && SLSA_PREDICATES.includes(actual);
  return actual === wanted;
}

function describePredicate(wanted: string | undefined): string {
  return wanted === 'slsa' ? `SLSA provenance (${SLSA_PREDICATES.join(' or ')})` : String(wanted);
}

/** The gate outcome once the unverified artifacts were quarantined: it fails when any artifact is unverified or none was given. */
export function concludeAttestations(artifacts: ArtifactResult[], policy: AttestationPolicy, quarantine: { mode: QuarantineMode; paths: string[] }, context: ReportContext): GateOutcome<AttestationData> {
  const unverified = artifacts.filter((a) => !a.verified);
  const data: AttestationData = { policy, counts: { verified: artifacts.length - unverified.length, unverified: unverified.length }, artifacts, quarantine };
  const where = quarantine.mode === 'move' ? 'moved to quarantine' : quarantine.mode === 'rename' ? 'renamed with .quarantined' : 'left in place';
  const headline =
    artifacts.length === 0
      ? 'No artifacts were given: nothing is proven.'
      : unverified.length === 0
        ? `All ${artifacts.length} ${artifacts.length === 1 ? 'artifact is' : 'artifacts are'} signed and attested as the policy requires.`
        : `${unverified.length} of ${artifacts.length} ${artifacts.length === 1 ? 'artifact' : 'artifacts'} could not be verified (${where}): ${unverified.map((a) => a.path).slice(0, 5).join(', ')}${unverified.length > 5 ? ', …' : ''}.`;
  // Artifacts are build outputs, not files of the repository: the annotation names them in its title.
  const annotations: GateAnnotation[] = unverified.map((a) => ({ level: 'error', title: `unverified artifact ${a.path}`, message: a.errors.map((e) => e.message).join('\n') }));
  return buildGateOutcome({
    gate: 'attestation',
    kind: 'attestation-verification',
    data,
    context,
    passed: artifacts.length > 0 && unverified.length === 0,
    headline,
    body: renderAttestationOutcome(data),
    annotations,
    outputs: { verified: String(data.counts.verified), unverified: String(data.counts.unverified), 'quarantined-paths': quarantine.paths.join('\n') },
  });
}
