import type { SbomDiffData } from '../../gates/sbom-diff/types.js';
import type { EvidenceIssue } from '../types.js';
import { issue, plural } from './consistency-words.js';

/** The schema's bound on each list of an sbom-diff report: a list is cut only at this length; its count stays exact. */
export const SBOM_DIFF_MAX_LISTED = 200_000;

const LISTS = ['added', 'removed', 'versionChanged', 'licenseChanged'] as const;

/**
 * An sbom-diff report's counts against its lists: each count is its list's length (or more, only
 * when the list is cut at the schema's bound), and no SBOM gained or lost more components than it has.
 */
export function sbomDiffConsistency(data: SbomDiffData): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  for (const list of LISTS) {
    const count = data.counts[list];
    const length = data[list].length;
    if (length > count || (length < count && length < SBOM_DIFF_MAX_LISTED)) {
      const cut = length < count ? ` (a list is cut only at ${SBOM_DIFF_MAX_LISTED} entries)` : '';
      issues.push(issue(`/data/counts/${list}`, `is ${count}, but /data/${list} lists ${plural(length, 'component')}${cut}`));
    }
  }
  const { added, removed, versionChanged } = data.counts;
  if (added + versionChanged > data.head.components) {
    issues.push(issue('/data/counts/added', `is ${added}, and with ${plural(versionChanged, 'version change')} that is more than the head SBOM has (${plural(data.head.components, 'component')}, /data/head/components)`));
  }
  if (removed + versionChanged > data.base.components) {
    issues.push(issue('/data/counts/removed', `is ${removed}, and with ${plural(versionChanged, 'version change')} that is more than the base SBOM has (${plural(data.base.components, 'component')}, /data/base/components)`));
  }
  return issues;
}
