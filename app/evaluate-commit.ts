import { mergeRuns } from '../core/triggers/merge-runs.js';
import { planComment } from '../core/triggers/plan-comment.js';
import type { EvaluationRequest, PullRequestSnapshot, WorkflowRunState } from '../core/triggers/types.js';
import type { ConfigResult } from '../core/config/types.js';
import { DEFAULT_CHECK_NAME } from '../core/engine/evaluate.js';
import type { GateResult } from '../core/engine/types.js';
import { escapeMarkdown } from '../core/util/escape-markdown.js';
import { renderCheckOutput, withLedgerHead } from '../core/render/render-check-output.js';
import { renderGateNotes } from '../core/render/render-gate-notes.js';
import { canonicalJson } from '../core/util/canonical-json.js';
import { sha256Hex } from '../core/util/sha256.js';
import { findCheckRun, publishCheckRun } from '../adapters/github/check-run.js';
import { findOpenPullsForSha, getPull } from '../adapters/github/find-pull-requests.js';
import { findGateNotesComment, writeGateNotesComment } from '../adapters/github/gate-notes-comment.js';
import type { GitHub } from '../adapters/github/github.js';
import { listWorkflowRuns } from '../adapters/github/list-workflow-runs.js';
import { readGateConfig } from '../adapters/github/read-repo-config.js';
import { withCatalog } from './with-catalog.js';
import { evaluateMergeGroup } from './evaluate-merge-group.js';
import { gatherEvidence } from './gather-evidence.js';
import type { EvaluationContext, EvaluationOutcome } from './evaluation-context.js';
import { readLedgerHead } from './read-ledger-head.js';
import { evaluatePull } from './evaluate-pull.js';
import { keys, TTL } from '../core/ports/state-store.js';

interface CheckMemory {
  id: number;
  name: string;
  /** Digest of what the completed check run says; absent while it only waits. */
  digest?: string;
}

/**
 * Evaluates one head commit for the PRs it heads: gathers the config, the changed files, the
 * evidence artifacts (the commit's, and the default branch's repo-wide ones) and approved manual links, runs the engine, and publishes one check run per
 * commit and one gate-notes comment per PR. While workflow runs of the commit are still going,
 * and nobody asked for a re-run, the check only says what it waits for: evidence is complete when
 * the last run completes, and the gate is decided once, then.
 */
export async function evaluateCommit(octokit: GitHub, request: EvaluationRequest, ctx: EvaluationContext): Promise<EvaluationOutcome> {
  if (request.mergeGroup) return evaluateMergeGroup(octokit, request, request.mergeGroup, ctx);
  const { repo, sha } = request;
  const pulls = await resolvePulls(octokit, request, ctx);
  if (pulls.length === 0) return { status: 'no-pull-request', sha };

  const runs = await workflowRuns(octokit, request, ctx);
  const pending = runs.filter((r) => r.status !== 'completed');
  const checkKey = keys.checkRun(repo.fullName, sha, 'gate');
  let check = await ctx.store.get<CheckMemory>(checkKey);

  if (pending.length > 0 && !request.force) {
    if (check) return { status: 'waiting', sha, pending: pending.map((r) => r.name) };
    const config = await readGateConfig(octokit, repo);
    const name = config.ok ? config.config.checkName : DEFAULT_CHECK_NAME;
    const id = (request.newCommit ? undefined : await findCheckRun(octokit, repo, sha, name, ctx.self.appId)) ?? (await publishCheckRun(octokit, repo, undefined, {
      name,
      sha,
      ...(pulls[0]!.htmlUrl ? { detailsUrl: pulls[0]!.htmlUrl } : {}),
      title: `Waiting for ${pending.length} workflow run${pending.length === 1 ? '' : 's'}`,
      summary: `The gate decides once every workflow run of this commit has completed, so that all its evidence is in: ${pending.map((r) => escapeMarkdown(r.name, 100)).join(', ')}.`,
    }, ctx.now()));
    await ctx.store.set(checkKey, { id, name } satisfies CheckMemory, TTL.commit);
    return { status: 'waiting', sha, pending: pending.map((r) => r.name) };
  }

  const config = await readGateConfig(octokit, repo);
  // The org's catalog, when the org config chooses one, judges this evaluation (and lists its repo-wide kinds).
  ctx = await withCatalog(octokit, repo, config, ctx);
  const evidence = await gatherEvidence(octokit, repo, sha, runs, ctx);
  const now = ctx.now().toISOString();
  const decided: Array<{ pr: PullRequestSnapshot; result: GateResult }> = [];
  for (const pr of pulls) decided.push({ pr, result: await evaluatePull(octokit, request, pr, config, evidence, now, ctx) });
  // Recorded before anything is published: a decision change nobody could audit is never shown.
  for (const { pr, result } of decided) await rememberResult(request, pr, result, ctx);

  // The check run first: it is what branch protection waits for; the comments follow.
  const { result, pr } = decided[0]!;
  const output = renderCheckOutput(result);
  const digest = sha256Hex(canonicalJson({ version: ctx.producer.version, name: result.checkName, conclusion: result.conclusion, output }));
  if (check && check.name !== result.checkName) check = undefined; // the config renamed the check
  // Nothing changed since the check was last written: write nothing (a person's re-run still rewrites it).
  if (!(check?.digest === digest && !request.force)) {
    const knownId = check?.id ?? (request.newCommit ? undefined : await findCheckRun(octokit, repo, sha, result.checkName, ctx.self.appId));
    // The ledger's head after this evaluation's appends, witnessed outside the store (left out of the digest: a new head alone rewrites nothing).
    const witnessed = withLedgerHead(output, await readLedgerHead(ctx));
    const id = await publishCheckRun(octokit, repo, knownId, {
      name: result.checkName,
      sha,
      ...(pr.htmlUrl ? { detailsUrl: pr.htmlUrl } : {}),
      title: witnessed.title,
      summary: witnessed.summary,
      text: witnessed.text,
      annotations: witnessed.annotations,
      conclusion: result.conclusion,
    }, ctx.now());
    await ctx.store.set(checkKey, { id, name: result.checkName, digest } satisfies CheckMemory, TTL.commit);
  }

  const results: Array<{ pull: number; conclusion: GateResult['conclusion']; counts: GateResult['counts']; comment: string }> = [];
  for (const { pr, result } of decided) {
    const comment = await publishComment(octokit, request, pr, result, config, ctx);
    // Write-once and keyed by the decision: a redelivery or an unchanged re-evaluation stores nothing new.
    const decisionLog = await ctx.decisionLogs?.keep(result, ctx.producer);
    results.push({ pull: pr.number, conclusion: result.conclusion, counts: result.counts, comment, ...(decisionLog ? { decisionLog } : {}) });
  }
  return { status: 'evaluated', sha, results };
}

/**
 * Keeps the result for `/gates explain`, and records in the audit ledger when a PR's conclusion
 * changed (an override counts as its own conclusion, so pass -> overridden is a change).
 */
async function rememberResult(request: EvaluationRequest, pr: PullRequestSnapshot, result: GateResult, ctx: EvaluationContext): Promise<void> {
  const repo = request.repo.fullName;
  await ctx.store.set(keys.result(repo, result.subject.sha, pr.number), result, TTL.commit);
  const after = result.override?.state === 'applied' ? 'overridden' : result.conclusion;
  const key = keys.conclusion(repo, pr.number);
  const before = await ctx.store.get<string>(key);
  // Remembered only once recorded: a ledger that fails now fails the evaluation, and its retry records the change.
  if (before !== undefined && before !== after) await ctx.ledger.append({
    action: 'gate.decision-changed',
    actor: ctx.self.botLogin,
    at: result.evaluatedAt,
    repo,
    number: pr.number,
    sha: result.subject.sha,
    before: { conclusion: before },
    after: { conclusion: after, headline: result.headline.slice(0, 500), waived: result.waivers.filter((w) => w.state === 'active').map((w) => w.controlId) },
    reason: request.reason,
  });
  await ctx.store.set(key, after, TTL.pull);
}

/** The open PRs the commit heads: from the request, the app's memory of them, or GitHub. */
async function resolvePulls(octokit: GitHub, request: EvaluationRequest, ctx: EvaluationContext): Promise<PullRequestSnapshot[]> {
  const { repo, sha } = request;
  if (request.pulls.length === 0) {
    const found = await findOpenPullsForSha(octokit, repo, sha);
    for (const pr of found) await ctx.store.set(keys.snapshot(repo.fullName, pr.number), pr, TTL.pull);
    return found;
  }
  const out: PullRequestSnapshot[] = [];
  for (const number of request.pulls) {
    let pr: PullRequestSnapshot | undefined = request.snapshot?.number === number ? request.snapshot : await ctx.store.get<PullRequestSnapshot>(keys.snapshot(repo.fullName, number));
    if (!pr || pr.headSha !== sha) {
      pr = await getPull(octokit, repo, number);
      if (pr) await ctx.store.set(keys.snapshot(repo.fullName, number), pr, TTL.pull);
    }
    // A PR that moved on to a newer commit (or closed) is evaluated by the events of that commit.
    if (pr && pr.headSha === sha) out.push(pr);
  }
  return out;
}

/**
 * The commit's workflow runs: listed from GitHub once per commit, then kept up to date by the
 * workflow_run events. Events alone are not trusted to name every run (a delivery can be lost, or
 * come after the evaluation): a commit whose other runs the app never heard of would be decided
 * before their evidence is in.
 */
async function workflowRuns(octokit: GitHub, request: EvaluationRequest, ctx: EvaluationContext): Promise<WorkflowRunState[]> {
  const key = keys.runs(request.repo.fullName, request.sha);
  const listedKey = keys.runsListed(request.repo.fullName, request.sha);
  const known = await ctx.store.get<WorkflowRunState[]>(key);
  if (known && (await ctx.store.get<boolean>(listedKey))) return known;
  const listed = await listWorkflowRuns(octokit, request.repo, request.sha);
  await ctx.store.set(listedKey, true, TTL.commit);
  return ctx.store.update<WorkflowRunState[]>(key, TTL.commit, (current) => mergeRuns(listed, current ?? []));
}

async function publishComment(octokit: GitHub, request: EvaluationRequest, pr: PullRequestSnapshot, result: GateResult, config: ConfigResult, ctx: EvaluationContext): Promise<string> {
  const { repo } = request;
  const settings = config.ok ? config.config.comment : { mode: 'always' as const, drafts: false };
  const body = renderGateNotes(result, { marker: true, evaluatedAt: false });
  const digest = sha256Hex(body);
  const key = keys.comment(repo.fullName, pr.number);
  let existing = await ctx.store.get<{ id: number; digest: string }>(key);
  if (settings.mode === 'never' || (pr.draft && !settings.drafts)) return 'skip';
  if (!existing && !request.newPull) {
    const found = await findGateNotesComment(octokit, repo, pr.number, ctx.self.botLogin);
    if (found) existing = { id: found.id, digest: sha256Hex(found.body) };
  }
  const plan = planComment({ mode: settings.mode, drafts: settings.drafts, draft: pr.draft, conclusion: result.mode?.wouldBe ?? result.conclusion, existingDigest: existing?.digest, digest });
  if (plan.action === 'skip') {
    if (existing) await ctx.store.set(key, existing, TTL.pull);
    return plan.action;
  }
  let id: number;
  try {
    id = await writeGateNotesComment(octokit, repo, pr.number, existing?.id, body);
  } catch (error) {
    // Someone deleted the comment: write a new one.
    if (existing && (error as { status?: number }).status === 404) id = await writeGateNotesComment(octokit, repo, pr.number, undefined, body);
    else throw error;
  }
  await ctx.store.set(key, { id, digest }, TTL.pull);
  return plan.action;
}
