import type { PullRequestFacts } from '../pr/types.js';
import type { PullRequestSnapshot, RepoRef } from './triggers.js';

/** The engine's PR facts from what the app knows of a PR and its changed files. */
export function factsFromSnapshot(repo: RepoRef, pr: PullRequestSnapshot, changedFiles: string[] | undefined): PullRequestFacts {
  return {
    repo: repo.fullName,
    number: pr.number,
    title: pr.title,
    headSha: pr.headSha,
    headRef: pr.headRef,
    baseRef: pr.baseRef,
    author: pr.author,
    draft: pr.draft,
    labels: [...pr.labels].sort(),
    ...(changedFiles ? { changedFiles: [...changedFiles].sort() } : {}),
    body: pr.body,
    ...(pr.htmlUrl ? { htmlUrl: pr.htmlUrl } : {}),
  };
}
