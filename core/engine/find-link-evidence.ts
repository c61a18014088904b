import type { ValidEvidence } from '../evidence/types.js';

/** The newest manual link for a control approved by someone other than its author, else the newest unapproved one. */
export function findLinkEvidence(controlId: string, links: ValidEvidence[]): { approved?: ValidEvidence; unapproved?: ValidEvidence } {
  let unapproved: ValidEvidence | undefined;
  for (const link of links) {
    const data = link.report.data as { controls: string[]; attestedBy: string; approvedBy: string[] };
    if (!data.controls.includes(controlId)) continue;
    const author = data.attestedBy.toLowerCase();
    if (data.approvedBy.some((login) => login.toLowerCase() !== author)) return { approved: link };
    unapproved ??= link;
  }
  return unapproved ? { unapproved } : {};
}
