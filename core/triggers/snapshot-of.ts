import type { PullRequestSnapshot } from './types.js';
import { num, str, type Json } from './payload-values.js';

/** The PR facts a pull_request or pull_request_review payload carries. */
export function snapshotOf(v: unknown): PullRequestSnapshot | undefined {
  const pr = (v ?? {}) as Json;
  const head = (pr.head ?? {}) as Json;
  const base = (pr.base ?? {}) as Json;
  const number = num(pr.number);
  const headSha = str(head.sha);
  if (number === undefined || !headSha) return undefined;
  const labels = Array.isArray(pr.labels) ? pr.labels.map((l: Json) => str(l?.name)).filter((l): l is string => l !== undefined) : [];
  const htmlUrl = str(pr.html_url);
  const changedFileCount = num(pr.changed_files);
  return {
    number,
    title: typeof pr.title === 'string' ? pr.title : '',
    body: typeof pr.body === 'string' ? pr.body : '',
    headSha,
    headRef: str(head.ref) ?? '',
    baseRef: str(base.ref) ?? '',
    author: str((pr.user as Json | undefined)?.login) ?? '',
    draft: pr.draft === true,
    labels: [...new Set(labels)].sort(),
    ...(htmlUrl ? { htmlUrl } : {}),
    ...(changedFileCount !== undefined ? { changedFileCount } : {}),
  };
}
