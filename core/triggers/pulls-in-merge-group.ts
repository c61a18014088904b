/**
 * Which PRs a merge-queue commit contains. GitHub names the group's branch after the PR it was
 * built for (`gh-readonly-queue/<base>/pr-<number>-<sha>`); the PRs queued ahead of it are in the
 * commits between the base and the group head, whose first lines GitHub writes as
 * "Merge pull request #N from ..." (merge) or "Title (#N)" (squash). Rebase merges leave no PR
 * number in their commits, so for them only the named PR is known.
 */

/** The PR a merge-queue branch was built for, or undefined for any other ref. */
export function pullOfQueueRef(ref: string): number | undefined {
  const match = /(?:^|\/)gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]{7,64}$/.exec(ref);
  const number = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** At most this many PRs are evaluated for one group (GitHub's largest merge group is 100). */
export const MAX_PULLS_PER_GROUP = 100;

/** The PR numbers of a merge group: the named PR and those its commits name, ascending. */
export function pullsInMergeGroup(headRef: string, commitMessages: readonly string[]): number[] {
  const found = new Set<number>();
  const named = pullOfQueueRef(headRef);
  if (named !== undefined) found.add(named);
  for (const message of commitMessages) {
    const first = message.split('\n', 1)[0]!.trim();
    const match = /^Merge pull request #(\d+) from \S/.exec(first) ?? /\(#(\d+)\)$/.exec(first);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, MAX_PULLS_PER_GROUP);
}
