import type { ListedPull } from '../../core/bundle/plan-evidence-pack.js';
import { MaestroError } from '../../core/errors.js';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import type { GitHub } from './github.js';

/** The repository, as far as these requests need it. */
export type RepoName = Pick<RepoRef, 'owner' | 'name' | 'fullName'>;

/** Most commits a release may bring for its pull requests to be listed: 100 compare pages and 100 GraphQL queries. */
export const MAX_RELEASE_COMMITS = 10_000;

/** Commits per compare page and per GraphQL query (the most either takes). */
const BATCH = 100;

/** Pull requests read per commit at first; a commit with more is asked again for up to 100. */
const PULLS_PER_COMMIT = 10;

/** The pull requests a release brings, and what finding them cost. */
export interface ReleasePulls {
  pulls: ListedPull[];
  /** Commits between the previous release and this one. */
  commits: number;
  /** REST and GraphQL requests made. */
  requests: number;
}

interface PullNode {
  number: number;
  title: string;
  createdAt: string;
  mergedAt: string | null;
  headRefOid: string;
  author: { login: string } | null;
  baseRepository: { nameWithOwner: string } | null;
}

interface CommitPulls {
  associatedPullRequests: { totalCount: number; nodes: Array<PullNode | null> | null } | null;
}

/**
 * The GraphQL query for the pull requests associated with `count` commits (variables `$c0`...), each
 * with up to `first` of them: the merged pull request that brought the commit to the repository.
 */
export function associatedPullsQuery(count: number, first = PULLS_PER_COMMIT): string {
  const variables = Array.from({ length: count }, (_, i) => `$c${i}: GitObjectID!`).join(', ');
  const pulls = `... on Commit { associatedPullRequests(first: ${first}) { totalCount nodes { number title createdAt mergedAt headRefOid author { login } baseRepository { nameWithOwner } } } }`;
  const fields = Array.from({ length: count }, (_, i) => `    c${i}: object(oid: $c${i}) { ${pulls} }`).join('\n');
  return `query ReleasePulls($owner: String!, $name: String!, ${variables}) {\n  repository(owner: $owner, name: $name) {\n${fields}\n  }\n}`;
}

/**
 * The pull requests merged into `repo` that brought the commits of `base...head` (the previous
 * release's tag and this release's commit): the commits from the compare API (100 a page), then the
 * pull request of each commit from GraphQL (100 commits a query). Squash, rebase and merge commits
 * alike lead to their pull request; commits pushed without one lead to none. Pull requests of
 * other repositories (a fork's own) and unmerged ones are left out.
 */
export async function listReleasePulls(octokit: GitHub, repo: RepoName, range: { base: string; head: string }): Promise<ReleasePulls> {
  const stats = { requests: 0 };
  const shas = await compareCommits(octokit, repo, range, stats);
  const found = new Map<number, ListedPull>();
  const add = (node: PullNode | null): void => {
    if (!node?.mergedAt || node.baseRepository?.nameWithOwner.toLowerCase() !== repo.fullName.toLowerCase()) return;
    found.set(node.number, { number: node.number, title: node.title, ...(node.author ? { author: node.author.login } : {}), openedAt: node.createdAt, mergedAt: node.mergedAt, headSha: node.headRefOid });
  };
  for (let i = 0; i < shas.length; i += BATCH) {
    const batch = shas.slice(i, i + BATCH);
    const data = await associatedPulls(octokit, repo, batch, PULLS_PER_COMMIT, stats);
    for (const [j, sha] of batch.entries()) {
      let pulls = data[`c${j}`]?.associatedPullRequests;
      if (pulls && pulls.totalCount > (pulls.nodes?.length ?? 0)) {
        pulls = (await associatedPulls(octokit, repo, [sha], BATCH, stats)).c0?.associatedPullRequests ?? null;
        if (pulls && pulls.totalCount > (pulls.nodes?.length ?? 0)) throw new MaestroError('GITHUB_REQUEST_FAILED', `commit ${sha} of ${repo.fullName} is associated with ${pulls.totalCount} pull requests, more than the ${BATCH} read`, { remedy: 'list the release\'s pull requests in a file and pass it as pulls.' });
      }
      for (const node of pulls?.nodes ?? []) add(node);
    }
  }
  return { pulls: [...found.values()].sort((a, b) => a.number - b.number), commits: shas.length, requests: stats.requests };
}

/** The commits of `base...head`, oldest first, every page of them. */
async function compareCommits(octokit: GitHub, repo: RepoName, range: { base: string; head: string }, stats: { requests: number }): Promise<string[]> {
  const shas: string[] = [];
  for (let page = 1; ; page++) {
    stats.requests++;
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: repo.owner, repo: repo.name, basehead: `${range.base}...${range.head}`, per_page: BATCH, page }).catch((cause: unknown) => {
      throw gitHubError(cause, `compare ${range.base}...${range.head} of ${repo.fullName}`, 'check that the previous release\'s tag is pushed to GitHub and that the token may read the repository\'s contents (contents: read).');
    });
    if (data.total_commits > MAX_RELEASE_COMMITS) {
      throw new MaestroError('GITHUB_REQUEST_FAILED', `${range.base}...${range.head} of ${repo.fullName} has ${data.total_commits} commits, more than the ${MAX_RELEASE_COMMITS} whose pull requests are listed`, { remedy: 'check previous-release (is it the release before this one?), or list the release\'s pull requests in a file and pass it as pulls.' });
    }
    shas.push(...data.commits.map((c) => c.sha));
    if (shas.length >= data.total_commits || data.commits.length < BATCH) return shas;
  }
}

async function associatedPulls(octokit: GitHub, repo: RepoName, shas: string[], first: number, stats: { requests: number }): Promise<Record<string, CommitPulls | null>> {
  stats.requests++;
  const variables = Object.fromEntries([['owner', repo.owner], ['name', repo.name], ...shas.map((sha, i) => [`c${i}`, sha])]);
  const data = await octokit.graphql<{ repository: Record<string, CommitPulls | null> | null }>(associatedPullsQuery(shas.length, first), variables).catch((cause: unknown) => {
    throw gitHubError(cause, `read the pull requests of ${shas.length} commit(s) of ${repo.fullName}`, 'check that the token may read the repository\'s pull requests (pull-requests: read).');
  });
  if (!data.repository) throw new MaestroError('GITHUB_REQUEST_FAILED', `GitHub did not find the repository ${repo.fullName} when reading its pull requests`, { remedy: 'check the repository name and that the token may read it.' });
  return data.repository;
}

/** A REST or GraphQL failure as an error naming what was being done, with a remedy fitting the status. */
export function gitHubError(cause: unknown, what: string, remedy: string): MaestroError {
  const e = cause as { status?: number; message?: string; errors?: Array<{ message?: string }> };
  const detail = e.errors?.map((x) => x.message).filter(Boolean).join('; ') || e.message || String(cause);
  const fix = e.status === 401 ? 'the token is not valid: pass a current one as github-token.' : e.status === 403 && /rate limit/i.test(detail) ? 'wait for the rate limit to reset and run the job again.' : remedy;
  return new MaestroError('GITHUB_REQUEST_FAILED', `GitHub answered ${e.status ?? 'with an error'} when asked to ${what}: ${detail}`, { remedy: fix, cause });
}
