import type { ProducedEvidence } from '../core/evidence/trust-evidence.js';
import { repoWideKinds, repoWideMaxAgeMs } from '../core/evidence/trust-evidence.js';
import type { RepoRef } from '../core/pr/repo-ref.js';
import { keys, TTL } from '../core/ports/state-store.js';
import type { WorkflowRunState } from '../core/triggers/types.js';
import { collectEvidence, evaluationBudget } from '../adapters/github/collect-evidence.js';
import type { GitHub } from '../adapters/github/github.js';
import { withOrigins } from '../adapters/github/evidence-origins.js';
import { listArtifacts, withRunPaths, type EvidenceArtifact } from '../adapters/github/list-evidence-artifacts.js';
import type { EvaluationContext } from './evaluation-context.js';
import { storedDriftEvidence } from './stored-drift-evidence.js';

/**
 * The evidence of a head commit, and the repo-wide evidence of the default branch (the newest drift,
 * drill and SLO reports of its scheduled runs, and the newest drift-report the App's own sweep wrote
 * to its evidence store), each item with where it came from.
 */
export async function gatherEvidence(octokit: GitHub, repo: RepoRef, sha: string, runs: readonly WorkflowRunState[], ctx: EvaluationContext): Promise<ProducedEvidence[]> {
  const since = runs.map((r) => r.createdAt).filter(Boolean).sort()[0];
  const listed = await listWithRepoWide(octokit, repo, [sha], since, ctx);
  const { produced } = await collectEvidence(octokit, repo, sha, since, ctx.artifacts, ctx.limits, listed.commit, listed.repoWide, evaluationBudget(ctx.limits));
  const stored = ctx.evidenceStore && repoWideKinds(ctx.catalog).has('drift-report') ? await storedDriftEvidence(ctx.evidenceStore, repo, ctx.store) : [];
  return [...withOrigins(produced, repo, sha, runs), ...stored];
}

/**
 * The evidence artifacts of the commits, and the newest repo-wide ones of the default branch, listed in
 * one pass over the repo's artifact list; the repo-wide ones are then remembered for TTL.repoWide, so
 * that the next evaluations list only down to their own commit's first run.
 */
export async function listWithRepoWide(octokit: GitHub, repo: RepoRef, shas: readonly string[], since: string | undefined, ctx: EvaluationContext): Promise<{ commit: EvidenceArtifact[]; repoWide: EvidenceArtifact[] }> {
  const branch = repo.defaultBranch;
  if (!branch || repoWideKinds(ctx.catalog).size === 0) return { commit: (await listArtifacts(octokit, repo, shas, since)).commit, repoWide: [] };
  const key = keys.repoWide(repo.fullName, branch);
  const known = await ctx.store.get<EvidenceArtifact[]>(key);
  const horizon = new Date(ctx.now().getTime() - repoWideMaxAgeMs(ctx.catalog)).toISOString();
  const listed = await listArtifacts(octokit, repo, shas, since, known ? undefined : { branch, horizon });
  if (known) return { commit: listed.commit, repoWide: known };
  const repoWide = await withRunPaths(octokit, repo, listed.repoWide);
  await ctx.store.set(key, repoWide, TTL.repoWide);
  return { commit: listed.commit, repoWide };
}
