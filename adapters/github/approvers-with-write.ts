import type { RepoRef } from '../../core/pr/repo-ref.js';
import { roleAtLeast } from '../../core/triggers/command-role.js';
import type { StateStore } from '../../core/ports/state-store.js';
import { type GitHub, repoParams } from './github.js';
import { userRole } from './user-role.js';

/**
 * The reviewers whose latest review of the PR is an approval and who have write access to the repo
 * (checked per user, remembered for a few minutes). Only their approval makes a link count.
 */
export async function approversWithWrite(octokit: GitHub, repo: RepoRef, pull: number, store: StateStore): Promise<string[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repoParams(repo), pull_number: pull, per_page: 100 });
  const latest = new Map<string, string>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(login, review.state);
  }
  const approvers: string[] = [];
  for (const [login, state] of latest) {
    if (state === 'APPROVED' && roleAtLeast(await userRole(octokit, repo, login, store), 'write')) approvers.push(login);
  }
  return approvers.sort();
}
