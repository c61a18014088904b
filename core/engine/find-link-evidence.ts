import type { ValidEvidence } from '../evidence/types.js';
import type { PullRequestFacts } from '../pr/types.js';

/**
 * The newest manual link for a control approved by someone other than its author, else the newest
 * unapproved one. Links must be about the PR's repo and, for commit-scoped requirements, its head
 * commit: a new push needs the link approved again.
 */
export function findLinkEvidence(controlId: string, links: ValidEvidence[], pr: PullRequestFacts, scope: 'commit' | 'repo'): { approved?: ValidEvidence; unapproved?: ValidEvidence } {
  let unapproved: ValidEvidence | undefined;
  for (const link of links) {
    if (link.report.subject.repo !== pr.repo || (scope === 'commit' && link.report.subject.sha !== pr.headSha)) continue;
    const data = link.report.data as { controls: string[]; attestedBy: string; approvedBy: string[] };
    if (!data.controls.includes(controlId)) continue;
    const author = data.attestedBy.toLowerCase();
    if (data.approvedBy.some((login) => login.toLowerCase() !== author)) return { approved: link };
    unapproved ??= link;
  }
  return unapproved ? { unapproved } : {};
}
