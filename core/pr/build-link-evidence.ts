import type { EvidenceReport } from '../evidence/types.js';
import type { EvidenceLinkCandidate } from './parse-evidence-links.js';
import type { PullRequestFacts } from './types.js';

/**
 * A `link` evidence report for a link read from a PR body: attested by the PR author, approved
 * by the reviewers with write access who approved the PR (the caller looks them up), about the
 * PR's head commit, so a new push needs a new approval for commit-scoped requirements.
 */
export function buildLinkEvidence(link: EvidenceLinkCandidate, pr: PullRequestFacts, approvedBy: string[], now: string, producer = { name: 'maestro-app', version: '0' }): EvidenceReport {
  const approvers = [...new Set(approvedBy)].filter((login) => login.toLowerCase() !== pr.author.toLowerCase()).sort();
  return {
    kind: 'link',
    schemaVersion: '1.0',
    subject: { repo: pr.repo, sha: pr.headSha, pr: pr.number },
    producer,
    createdAt: now,
    data: { url: link.url, title: link.title, controls: link.controls, attestedBy: pr.author, approvedBy: approvers, note: `PR body, line ${link.line}` },
  };
}
