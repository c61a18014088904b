import { MAX_EVENT_BYTES, parsePullRequestEvent, type PullRequestEvent } from '../../core/pr/parse-pull-request-event.js';
import { readJsonFile } from './read-input-file.js';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The event file to read: the one given, else `$GITHUB_EVENT_PATH` on pull_request runs. */
export function pullRequestEventPath(given: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return given ?? (PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') ? env.GITHUB_EVENT_PATH : undefined);
}

/** Reads a pull_request webhook payload: the PR's facts (labels, base branch) and the labeler of a `labeled` event. */
export async function readPullRequestEvent(path: string): Promise<PullRequestEvent> {
  return parsePullRequestEvent(await readJsonFile(path, 'event', MAX_EVENT_BYTES), path);
}
