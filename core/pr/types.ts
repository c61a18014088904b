/** The facts about a pull request that decide which controls apply and which evidence counts. */
export interface PullRequestFacts {
  /** `owner/name` of the base repository. */
  repo: string;
  number: number;
  title: string;
  /** Head commit SHA: evidence must be about this commit (for commit-scoped requirements). */
  headSha: string;
  headRef: string;
  baseRef: string;
  author: string;
  draft: boolean;
  labels: string[];
  /**
   * Paths changed by the PR, relative to the repo root. `undefined` when unknown: path rules are then
   * assumed to match, so an unknown change set can only make more controls apply, never fewer.
   */
  changedFiles?: string[];
  /** PR body, used for manual `## Evidence` links by the app. */
  body?: string;
  htmlUrl?: string;
}
