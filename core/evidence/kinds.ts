/** The evidence kinds this product defines, one JSON Schema each in `evidence-schemas/<kind>.v1.json`. */
export const EVIDENCE_KINDS = [
  'schema-diff',
  'attestation-verification',
  'sbom-diff',
  'a11y',
  'k6-summary',
  'slo-burn',
  'policy-test',
  'drill-report',
  'drift-report',
  'waiver',
  'decision-log',
  'evidence-manifest',
  'link',
] as const;

/** One evidence kind. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** True when `value` names a known evidence kind. */
export function isEvidenceKind(value: unknown): value is EvidenceKind {
  return typeof value === 'string' && (EVIDENCE_KINDS as readonly string[]).includes(value);
}
