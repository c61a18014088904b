import { factsFromSnapshot } from '../core/app/facts-from-snapshot.js';
import type { EvaluationRequest, PullRequestSnapshot } from '../core/app/triggers.js';
import type { ConfigResult } from '../core/config/types.js';
import { evaluate } from '../core/engine/evaluate.js';
import type { GateResult } from '../core/engine/types.js';
import type { EvidenceItem } from '../core/evidence/types.js';
import { linkEvidenceFromBody } from '../core/pr/link-evidence-from-body.js';
import { hasEvidenceLinks } from '../core/pr/parse-evidence-links.js';
import type { EvaluationContext } from './evaluate-commit.js';
import { approversWithWrite } from './github/approvers-with-write.js';
import type { GitHub } from './github/github.js';
import { listChangedFiles } from './github/list-changed-files.js';
import { overrideOf, waiversOf } from './state/waiver-records.js';

/** Decides one PR: its changed files, its approved manual links, its waivers and override, and the given evidence, through the engine. */
export async function evaluatePull(octokit: GitHub, request: EvaluationRequest, pr: PullRequestSnapshot, config: ConfigResult, evidence: EvidenceItem[], now: string, ctx: EvaluationContext): Promise<GateResult> {
  const { repo } = request;
  const changedFiles = await listChangedFiles(octokit, repo, pr.number, pr.changedFileCount);
  const facts = factsFromSnapshot(repo, pr, changedFiles);
  const links = hasEvidenceLinks(pr.body) ? await linkEvidenceFromBody(facts, await approversWithWrite(octokit, repo, pr.number, ctx.store), now, ctx.producer) : [];
  const [waivers, override] = await Promise.all([waiversOf(ctx.store, repo.fullName, pr.number), overrideOf(ctx.store, repo.fullName, pr.headSha)]);
  return evaluate({ catalog: ctx.catalog, assertions: ctx.assertions, config, pr: facts, evidence, links, waivers, ...(override ? { override } : {}), now });
}
