import type { EvidenceKind } from './kinds.js';

/** How to produce each kind of evidence: quoted in `missing` explanations as the remedy. */
export const PRODUCERS: Record<EvidenceKind, string> = {
  'schema-diff': 'the schema-diff gate (actions/schema-diff or maestro schema-diff)',
  'attestation-verification': 'the attestation gate (actions/attestation or maestro verify-attestation)',
  'sbom-diff': 'the SBOM diff gate (actions/sbom-diff or maestro sbom-diff)',
  a11y: 'the accessibility gate (actions/a11y or maestro a11y)',
  'k6-summary': 'the k6 gate (actions/k6 or maestro k6)',
  'slo-burn': 'the SLO burn gate (actions/slo or maestro slo)',
  'policy-test': 'a policy test job that uploads a policy-test report',
  'drill-report': 'the scheduled drills (maestro drill)',
  'drift-report': 'the drift detector (maestro drift)',
  waiver: 'a /waive command from an approver',
  'decision-log': 'a gate evaluation',
  'evidence-manifest': 'the release evidence bundle (maestro evidence bundle)',
  link: 'a link in the Evidence section of the PR body, approved by a reviewer',
};
