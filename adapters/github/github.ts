import type { ProbotOctokit } from 'probot';
import type { RepoRef } from '../../core/pr/repo-ref.js';

/** The installation-authenticated client the app uses (Probot's Octokit with its plugins). */
export type GitHub = InstanceType<typeof ProbotOctokit>;

/** `{ owner, repo }` request parameters of a repository. */
export function repoParams(repo: RepoRef): { owner: string; repo: string } {
  return { owner: repo.owner, repo: repo.name };
}
