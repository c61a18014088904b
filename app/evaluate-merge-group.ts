import { pullsInMergeGroup } from '../core/triggers/pulls-in-merge-group.js';
import type { EvaluationRequest, MergeGroupRef, PullRequestSnapshot } from '../core/triggers/types.js';
import { type GroupMember, groupConclusion, renderMergeGroupOutput } from '../core/render/render-merge-group-output.js';
import { withLedgerHead } from '../core/render/render-check-output.js';
import { collectEvidence, evaluationBudget } from '../adapters/github/collect-evidence.js';
import type { EvaluationContext, EvaluationOutcome } from './evaluation-context.js';
import { evaluatePull } from './evaluate-pull.js';
import { readLedgerHead } from './read-ledger-head.js';
import { listWithRepoWide } from './gather-evidence.js';
import { withOrigins } from '../adapters/github/evidence-origins.js';
import { listWorkflowRuns } from '../adapters/github/list-workflow-runs.js';
import type { RepoRef } from '../core/pr/repo-ref.js';
import type { WorkflowRunState } from '../core/triggers/types.js';
import { findCheckRun, publishCheckRun } from '../adapters/github/check-run.js';
import { getPull } from '../adapters/github/find-pull-requests.js';
import type { GitHub } from '../adapters/github/github.js';
import { listGroupCommitMessages } from '../adapters/github/list-group-commit-messages.js';
import { readGateConfig } from '../adapters/github/read-repo-config.js';
import { withCatalog } from './with-catalog.js';
import { keys, TTL } from '../core/ports/state-store.js';

/**
 * Decides a merge-queue commit, so that a required gate never stalls the queue: each PR the group
 * contains is decided on the evidence of its own head commit (what was reviewed), and the group's
 * check takes the worst conclusion. PR comments are left alone: the queue is not the place for them.
 */
export async function evaluateMergeGroup(octokit: GitHub, request: EvaluationRequest, group: MergeGroupRef, ctx: EvaluationContext): Promise<EvaluationOutcome> {
  const { repo, sha } = request;
  const messages = await listGroupCommitMessages(octokit, repo, group.baseSha, sha);
  const numbers = [...new Set([...request.pulls, ...pullsInMergeGroup(group.headRef, messages)])].sort((a, b) => a - b);
  const pulls: PullRequestSnapshot[] = [];
  for (const number of numbers) {
    const pr = await getPull(octokit, repo, number);
    if (pr) pulls.push(pr);
  }
  if (pulls.length === 0) return { status: 'no-pull-request', sha };

  const config = await readGateConfig(octokit, repo);
  ctx = await withCatalog(octokit, repo, config, ctx);
  const now = ctx.now().toISOString();
  const members: GroupMember[] = [];
  // One listing covers the head commits of every PR of the group.
  const listed = await listWithRepoWide(octokit, repo, pulls.map((p) => p.headSha), undefined, ctx);
  // One evaluation: the artifacts of every PR of the group share one budget of inflated bytes.
  const budget = evaluationBudget(ctx.limits);
  for (const pr of pulls) {
    const { produced } = await collectEvidence(octokit, repo, pr.headSha, undefined, ctx.artifacts, ctx.limits, listed.commit, listed.repoWide, budget);
    const runs = await runsOf(octokit, repo, pr.headSha, ctx);
    members.push({ pull: pr.number, result: await evaluatePull(octokit, request, pr, config, withOrigins(produced, repo, pr.headSha, runs), now, ctx) });
  }
  // The ledger's head after the group's evaluations, witnessed in the queue's check run as in a PR's.
  const output = withLedgerHead(renderMergeGroupOutput(members), await readLedgerHead(ctx));
  const checkName = members[0]!.result.checkName;
  // A queue commit is new, unless the delivery may be a replay to a restarted app: then the check made before is updated.
  const key = keys.checkRun(repo.fullName, sha, 'gate');
  const known = (await ctx.store.get<{ id: number; name: string }>(key))?.id ?? (request.newCommit ? undefined : await findCheckRun(octokit, repo, sha, checkName, ctx.self.appId));
  const id = await publishCheckRun(octokit, repo, known, { name: checkName, sha, title: output.title, summary: output.summary, text: output.text, annotations: output.annotations, conclusion: groupConclusion(members) }, ctx.now());
  await ctx.store.set(key, { id, name: checkName }, TTL.commit);
  return { status: 'evaluated', sha, results: members.map((m) => ({ pull: m.pull, conclusion: m.result.conclusion, counts: m.result.counts, comment: 'skip' })) };
}

/** The workflow runs of a PR's head commit (which workflow file produced each report): remembered from the PR's own evaluation, or listed. */
async function runsOf(octokit: GitHub, repo: RepoRef, sha: string, ctx: EvaluationContext): Promise<WorkflowRunState[]> {
  const known = await ctx.store.get<WorkflowRunState[]>(keys.runs(repo.fullName, sha));
  if (known?.every((r) => r.path)) return known;
  return listWorkflowRuns(octokit, repo, sha);
}
