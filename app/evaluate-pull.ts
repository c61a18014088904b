import { factsFromSnapshot } from '../core/triggers/facts-from-snapshot.js';
import type { EvaluationRequest, PullRequestSnapshot } from '../core/triggers/types.js';
import type { ConfigResult } from '../core/config/types.js';
import { evaluate } from '../core/engine/evaluate.js';
import type { GateResult } from '../core/engine/types.js';
import { repoWideKinds, trustEvidence, type ProducedEvidence } from '../core/evidence/trust-evidence.js';
import { linkEvidenceFromBody } from '../core/pr/link-evidence-from-body.js';
import { hasEvidenceLinks } from '../core/pr/parse-evidence-links.js';
import type { EvaluationContext } from './evaluation-context.js';
import { approversWithWrite } from '../adapters/github/approvers-with-write.js';
import type { GitHub } from '../adapters/github/github.js';
import { listChangedFiles } from '../adapters/github/list-changed-files.js';
import { readModeAt } from '../adapters/github/read-repo-config.js';
import { CONFIG_PATH } from '../core/render/render-check-output.js';
import { keys, TTL } from '../core/ports/state-store.js';
import { overrideOf, waiversOf } from './state/waiver-records.js';

/** The paths a PR changes at its head commit: listed once per commit, then remembered (they cannot change). */
async function changedFilesOf(octokit: GitHub, request: EvaluationRequest, pr: PullRequestSnapshot, ctx: EvaluationContext): Promise<string[] | undefined> {
  const key = keys.files(request.repo.fullName, pr.number, pr.headSha);
  const known = await ctx.store.get<{ paths?: string[] }>(key);
  if (known) return known.paths;
  const paths = await listChangedFiles(octokit, request.repo, pr.number, pr.changedFileCount);
  await ctx.store.set(key, paths ? { paths } : {}, TTL.commit);
  return paths;
}

/**
 * Decides one PR: its changed files, its approved manual links, its waivers and override, and the given
 * evidence, through the engine. Evidence from a head-commit run of a workflow file the PR changes is
 * not trusted (the PR could have made it say anything).
 */
export async function evaluatePull(octokit: GitHub, request: EvaluationRequest, pr: PullRequestSnapshot, config: ConfigResult, produced: readonly ProducedEvidence[], now: string, ctx: EvaluationContext): Promise<GateResult> {
  const { repo } = request;
  const changedFiles = await changedFilesOf(octokit, request, pr, ctx);
  const evidence = trustEvidence(produced, { changedFiles, repoWide: repoWideKinds(ctx.catalog), ...(config.ok ? { producers: config.config.producers, configSource: config.source } : {}) });
  const facts = factsFromSnapshot(repo, pr, changedFiles);
  // A PR opened a moment ago has no reviews yet: its links are approved by nobody, without asking.
  const links = hasEvidenceLinks(pr.body) ? await linkEvidenceFromBody(facts, request.newPull ? [] : await approversWithWrite(octokit, repo, pr.number, ctx.store), now, ctx.producer) : [];
  const [waivers, override] = await Promise.all([waiversOf(ctx.store, repo.fullName, pr.number), overrideOf(ctx.store, repo.fullName, pr.headSha)]);
  // A pull request that changes the config: the mode its version sets is shown (never applied to it).
  const proposed = changedFiles?.includes(CONFIG_PATH) ? await readModeAt(octokit, repo, pr.headSha) : undefined;
  return evaluate({
    catalog: ctx.catalog, assertions: ctx.assertions, config, pr: facts, evidence, links, waivers, now,
    ...(override ? { override } : {}),
    ...(proposed ? { proposedMode: { mode: proposed, source: `${CONFIG_PATH} at ${pr.headSha.slice(0, 7)}` } } : {}),
    ...(ctx.catalogIssues ? { catalogIssues: ctx.catalogIssues } : {}),
  });
}
