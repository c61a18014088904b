import type { PullRequestFacts } from '../pr/types.js';
import type { PullRequestSnapshot } from './types.js';
import type { RepoRef } from '../pr/repo-ref.js';

/** The engine's PR facts from what the app knows of a PR and its changed files. */
export function factsFromSnapshot(repo: RepoRef, pr: PullRequestSnapshot, changedFiles: string[] | undefined): PullRequestFacts {
  const { changedFileCount: _count, ...facts } = pr;
  return { ...facts, repo: repo.fullName, labels: [...pr.labels].sort(), ...(changedFiles ? { changedFiles: [...changedFiles].sort() } : {}) };
}
