import type { RepoRef } from '../../core/pr/repo-ref.js';
import { type GitHub, repoParams } from './github.js';

/**
 * The messages of the commits a merge-queue commit adds to its base, in one request (GitHub's
 * compare lists up to 250 commits; a merge group holds at most 100 PRs).
 */
export async function listGroupCommitMessages(octokit: GitHub, repo: RepoRef, baseSha: string, headSha: string): Promise<string[]> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repoParams(repo), basehead: `${baseSha}...${headSha}`, per_page: 100 });
  return data.commits.map((c) => c.commit.message);
}
