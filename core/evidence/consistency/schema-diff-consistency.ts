import type { SchemaDiffData } from '../../gates/schema-diff/types.js';
import type { EvidenceIssue } from '../types.js';
import { issue, plural, tally } from './consistency-words.js';

/** A schema-diff report's counts against its changes by criticality. */
export function schemaDiffConsistency(data: SchemaDiffData): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  const listed = tally(data.changes, (c) => c.criticality);
  for (const criticality of ['breaking', 'dangerous', 'safe'] as const) {
    const n = listed[criticality] ?? 0;
    if (data.counts[criticality] !== n) issues.push(issue(`/data/counts/${criticality}`, `is ${data.counts[criticality]}, but /data/changes lists ${plural(n, `${criticality} change`)}`));
  }
  return issues;
}
