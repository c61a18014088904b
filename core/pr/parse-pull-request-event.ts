import { factsFromPullRequestEvent } from './facts-from-event.js';
import type { PullRequestFacts } from './types.js';

/** Largest event payload read: GitHub caps webhook payloads at 25 MB. */
export const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/** The pull request a gate runs for, and who added a label when the run was triggered by that `labeled` event. */
export interface PullRequestEvent {
  pr: PullRequestFacts;
  labeledBy?: { label: string; login: string };
}

/**
 * A pull_request webhook payload as a gate needs it: the PR's facts (labels, base branch) and, for a
 * `labeled` event, the label and who applied it (an approval label counts only from the event that
 * applied it). A payload without a pull request is an EVENT_INVALID error naming `source`.
 */
export function parsePullRequestEvent(payload: unknown, source: string): PullRequestEvent {
  const pr = factsFromPullRequestEvent(payload, undefined, source);
  const { action, label, sender } = payload as { action?: string; label?: { name?: string }; sender?: { login?: string } };
  return action === 'labeled' && label?.name && sender?.login ? { pr, labeledBy: { label: label.name, login: sender.login } } : { pr };
}
