import type { EvidenceKind } from '../kinds.js';
import { MAX_ISSUES } from '../schema-issues.js';
import type { EvidenceIssue } from '../types.js';
import { a11yConsistency } from './a11y-consistency.js';
import { attestationConsistency, policyTestConsistency } from './count-consistency.js';
import { k6Consistency } from './k6-consistency.js';
import { sbomDiffConsistency } from './sbom-diff-consistency.js';
import { schemaDiffConsistency } from './schema-diff-consistency.js';
import { drillConsistency, driftConsistency } from './status-consistency.js';

/** Each kind's check, over the data its schema has just accepted. */
const CHECKS: Partial<Record<EvidenceKind, (data: never) => EvidenceIssue[]>> = {
  a11y: a11yConsistency,
  'k6-summary': k6Consistency,
  'sbom-diff': sbomDiffConsistency,
  'schema-diff': schemaDiffConsistency,
  'drift-report': driftConsistency,
  'drill-report': drillConsistency,
  'attestation-verification': attestationConsistency,
  'policy-test': policyTestConsistency,
};

/**
 * Checks a report's summary fields against its details, after its schema accepted it: a count that
 * is not the number of items it counts, or a status its own lists contradict, makes the report
 * inconsistent. Each issue points at the summary field and names both numbers. Pure; linear in the
 * size of the report.
 */
export function checkConsistency(kind: EvidenceKind, data: unknown): EvidenceIssue[] {
  const check = CHECKS[kind];
  return check ? check(data as never).slice(0, MAX_ISSUES) : [];
}
