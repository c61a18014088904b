import type { EvaluationRequest } from './types.js';

/** The queue key of a request: one evaluation at a time, and bursts coalesced, per repo and commit. */
export function evaluationKey(request: Pick<EvaluationRequest, 'repo' | 'sha'>): string {
  return `${request.repo.fullName}@${request.sha}`;
}

/**
 * One request standing for two of the same key: the PRs of both, the newer PR data, a re-run if
 * either asked for one. Used to coalesce the burst of events one push causes.
 */
export function mergeRequests(older: EvaluationRequest, newer: EvaluationRequest): EvaluationRequest {
  const pulls = [...new Set([...older.pulls, ...newer.pulls])].sort((a, b) => a - b);
  const snapshot = newer.snapshot ?? older.snapshot;
  const reasons = [...new Set([...older.reason.split(', '), newer.reason])].join(', ');
  return {
    ...newer,
    // Empty means "look the PRs up", which stays so only when neither side knew them.
    pulls,
    ...(snapshot ? { snapshot } : {}),
    force: older.force || newer.force,
    ...(older.newCommit || newer.newCommit ? { newCommit: true } : {}),
    ...(older.newPull || newer.newPull ? { newPull: true } : {}),
    reason: reasons,
    ...(newer.mergeGroup ?? older.mergeGroup ? { mergeGroup: newer.mergeGroup ?? older.mergeGroup } : {}),
  };
}
