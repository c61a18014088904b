import { factsFromSnapshot } from '../core/app/facts-from-snapshot.js';
import type { EvaluationRequest, PullRequestSnapshot } from '../core/app/triggers.js';
import type { ConfigResult } from '../core/config/types.js';
import { evaluate } from '../core/engine/evaluate.js';
import type { GateResult } from '../core/engine/types.js';
import { parseTrustedEvidenceList } from '../core/evidence/parse-trusted-evidence.js';
import type { EvidenceItem, ValidEvidence } from '../core/evidence/types.js';
import { buildLinkEvidence } from '../core/pr/build-link-evidence.js';
import { parseEvidenceLinks } from '../core/pr/parse-evidence-links.js';
import type { EvaluationContext } from './evaluate-commit.js';
import { approversWithWrite } from './github/approvers-with-write.js';
import type { GitHub } from './github/github.js';
import { listChangedFiles } from './github/list-changed-files.js';

/** Decides one PR: its changed files, its approved manual links and the given evidence, through the engine. */
export async function evaluatePull(octokit: GitHub, request: EvaluationRequest, pr: PullRequestSnapshot, config: ConfigResult, evidence: EvidenceItem[], now: string, ctx: EvaluationContext): Promise<GateResult> {
  const { repo } = request;
  const changedFiles = await listChangedFiles(octokit, repo, pr.number, pr.changedFileCount);
  const facts = factsFromSnapshot(repo, pr, changedFiles);
  let links: ValidEvidence[] = [];
  const { links: candidates } = parseEvidenceLinks(pr.body);
  if (candidates.length > 0) {
    const approvers = await approversWithWrite(octokit, repo, pr.number, ctx.store);
    const reports = candidates.map((link) => buildLinkEvidence(link, facts, approvers, now, ctx.producer));
    links = (await parseTrustedEvidenceList(reports, 'link', `PR #${pr.number} body`)).map((item, i) => ({ ...item, ref: { ...item.ref, path: `PR #${pr.number} body, line ${candidates[i]!.line}`, ...(pr.htmlUrl ? { url: pr.htmlUrl } : {}) } }));
  }
  return evaluate({ catalog: ctx.catalog, assertions: ctx.assertions, config, pr: facts, evidence, links, now });
}
