import { parseTrustedEvidenceList } from '../evidence/parse-trusted-evidence.js';
import type { ValidEvidence } from '../evidence/types.js';
import { buildLinkEvidence } from './build-link-evidence.js';
import { parseEvidenceLinks } from './parse-evidence-links.js';
import type { PullRequestFacts } from './types.js';

/**
 * The manual evidence of a PR: the links of its body's `## Evidence` section as `link` reports,
 * approved by the given reviewers (those with write access whose latest review approves), each
 * pointing back at its line of the PR body. Links are never fetched.
 */
export async function linkEvidenceFromBody(pr: PullRequestFacts, approvers: string[], now: string, producer: { name: string; version: string }): Promise<ValidEvidence[]> {
  const { links: candidates } = parseEvidenceLinks(pr.body ?? '');
  if (candidates.length === 0) return [];
  const reports = candidates.map((link) => buildLinkEvidence(link, pr, approvers, now, producer));
  const items = await parseTrustedEvidenceList(reports, 'link', `PR #${pr.number} body`);
  return items.map((item, i) => ({ ...item, ref: { ...item.ref, path: `PR #${pr.number} body, line ${candidates[i]!.line}`, ...(pr.htmlUrl ? { url: pr.htmlUrl } : {}) } }));
}
