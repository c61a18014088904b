import type { CommentMode } from '../config/types.js';
import type { GateConclusion } from '../engine/types.js';

export type CommentPlan = { action: 'create' | 'update' | 'skip'; reason: string };

/**
 * Whether to write the gate-notes comment of a PR. One comment per PR, updated in place and only
 * when its text changed; `on-failure` still updates an existing comment once the gate passes, so it
 * never keeps showing a failure that is gone; draft PRs only when the config says so.
 */
export function planComment(input: {
  mode: CommentMode;
  drafts: boolean;
  draft: boolean;
  conclusion: GateConclusion;
  /** sha256 of the body of the comment already on the PR, if there is one. */
  existingDigest: string | undefined;
  digest: string;
}): CommentPlan {
  const exists = input.existingDigest !== undefined;
  if (input.mode === 'never') return { action: 'skip', reason: 'comment.mode is never' };
  if (input.draft && !input.drafts) return { action: 'skip', reason: 'the PR is a draft and comment.drafts is false' };
  const failing = input.conclusion === 'failure' || input.conclusion === 'action_required';
  if (input.mode === 'on-failure' && !failing && !exists) return { action: 'skip', reason: 'comment.mode is on-failure and the gate does not fail' };
  if (!exists) return { action: 'create', reason: 'no gate-notes comment yet' };
  if (input.existingDigest === input.digest) return { action: 'skip', reason: 'the gate notes did not change' };
  return { action: 'update', reason: 'the gate notes changed' };
}
