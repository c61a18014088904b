import { MaestroError } from '../errors.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { validatePullRequestEvent } from '../generated/validators.js';
import type { PullRequestFacts } from './types.js';

interface PullRequestEvent {
  pull_request: {
    number: number;
    title: string;
    body?: string | null;
    draft?: boolean;
    html_url?: string;
    head: { sha: string; ref: string };
    base: { ref: string };
    user: { login: string };
    labels: Array<{ name: string }>;
  };
  repository: { full_name: string };
}

/**
 * Reads the PR facts out of a `pull_request` webhook payload (as GitHub delivers it, or as
 * `${{ toJSON(github.event) }}` in a workflow). Throws EVENT_INVALID naming the first bad field.
 */
export function factsFromPullRequestEvent(payload: unknown, changedFiles: string[] | undefined, source = 'event'): PullRequestFacts {
  if (!validatePullRequestEvent(payload)) {
    const issues = toSchemaIssues(validatePullRequestEvent.errors ?? [], payload);
    const first = issues[0];
    throw new MaestroError('EVENT_INVALID', `${source} is not a pull_request webhook payload: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).slice(0, 3).join('; ')}`, {
      file: source,
      ...(first ? { pointer: first.pointer } : {}),
      remedy: 'pass the payload of a pull_request event: in a workflow, the file at $GITHUB_EVENT_PATH; from the app, the delivery body.',
    });
  }
  const { pull_request: pr, repository } = payload as PullRequestEvent;
  return {
    repo: repository.full_name,
    number: pr.number,
    title: pr.title,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseRef: pr.base.ref,
    author: pr.user.login,
    draft: pr.draft ?? false,
    labels: pr.labels.map((l) => l.name).sort(),
    ...(changedFiles ? { changedFiles: [...changedFiles].sort() } : {}),
    ...(typeof pr.body === 'string' ? { body: pr.body } : {}),
    ...(pr.html_url ? { htmlUrl: pr.html_url } : {}),
  };
}
