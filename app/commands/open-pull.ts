import type { PullRequestSnapshot } from '../../core/triggers/types.js';
import { getPull } from '../../adapters/github/find-pull-requests.js';
import { keys, TTL } from '../../core/ports/state-store.js';
import type { CommandContext } from './command-context.js';

/** The open PR a command was typed on, fresh from GitHub (its head commit matters), or why there is none. */
export async function openPull(ctx: CommandContext, command: string): Promise<{ ok: true; pr: PullRequestSnapshot } | { ok: false; message: string }> {
  const { request } = ctx;
  if (!request.issue.isPull) return { ok: false, message: `/${command} works on pull requests; #${request.issue.number} is an issue.` };
  const pr = await getPull(ctx.octokit, request.repo, request.issue.number);
  if (!pr) return { ok: false, message: `#${request.issue.number} is closed; the gate only runs on open pull requests.` };
  await ctx.store.set(keys.snapshot(request.repo.fullName, pr.number), pr, TTL.pull);
  return { ok: true, pr };
}

/** Queues a forced evaluation of the PR's head commit (evidence is not waited for: a person asked). */
export async function reevaluate(ctx: CommandContext, pr: PullRequestSnapshot, reason: string): Promise<void> {
  const { request } = ctx;
  await ctx.enqueue({ type: 'evaluate', installationId: request.installationId, repo: request.repo, sha: pr.headSha, pulls: [pr.number], snapshot: pr, force: true, reason });
}
