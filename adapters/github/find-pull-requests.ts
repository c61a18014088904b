import { snapshotOf } from '../../core/triggers/snapshot-of.js';
import type { PullRequestSnapshot } from '../../core/triggers/types.js';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import { type GitHub, repoParams } from './github.js';

/** Open PRs into this repo whose head is `sha` (for runs and checks that do not name their PR). */
export async function findOpenPullsForSha(octokit: GitHub, repo: RepoRef, sha: string): Promise<PullRequestSnapshot[]> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repoParams(repo), commit_sha: sha, per_page: 100 });
  return data
    .filter((pr) => pr.state === 'open' && pr.head.sha === sha && pr.base.repo.id === repo.id)
    .map((pr) => snapshotOf(pr))
    .filter((s): s is PullRequestSnapshot => s !== undefined);
}

/** One PR as the app needs it. */
export async function getPull(octokit: GitHub, repo: RepoRef, pull: number): Promise<PullRequestSnapshot | undefined> {
  const { data } = await octokit.rest.pulls.get({ ...repoParams(repo), pull_number: pull });
  return data.state === 'open' ? snapshotOf(data) : undefined;
}
