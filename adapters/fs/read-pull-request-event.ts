import { factsFromPullRequestEvent } from '../../core/pr/facts-from-event.js';
import type { PullRequestFacts } from '../../core/pr/types.js';
import { readJsonFile } from './read-input-file.js';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/** The pull request a gate runs for, and who added a label when the run was triggered by that `labeled` event. */
export interface PullRequestEvent {
  pr: PullRequestFacts;
  labeledBy?: { label: string; login: string };
}

/** The event file to read: the one given, else `$GITHUB_EVENT_PATH` on pull_request runs. */
export function pullRequestEventPath(given: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return given ?? (PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') ? env.GITHUB_EVENT_PATH : undefined);
}

/** Reads a pull_request webhook payload: the PR's facts (labels, base branch) and the labeler of a `labeled` event. */
export async function readPullRequestEvent(path: string): Promise<PullRequestEvent> {
  const payload = await readJsonFile(path, 'event', MAX_EVENT_BYTES);
  const pr = factsFromPullRequestEvent(payload, undefined, path);
  const { action, label, sender } = payload as { action?: string; label?: { name?: string }; sender?: { login?: string } };
  return action === 'labeled' && label?.name && sender?.login ? { pr, labeledBy: { label: label.name, login: sender.login } } : { pr };
}
