import type { DriftStatus } from './types.js';

/** What the drift sweep does about one repository's fix pull request. */
export type FixAction = 'open' | 'update' | 'close' | 'none' | 'skip-invalid' | 'report';

/**
 * Decides the fix pull request's fate from the drift status, whether a fix could be built, and
 * whether the fix branch or its open pull request exist. One pull request per repository, on a
 * fixed branch: opened once, then updated in place; closed (and its branch deleted) once the
 * drift is gone. A workflow that does not parse gets no pull request and the open one is left as
 * it is: a fix built on a guess would be worse than none. Without the drift-fix App (`canFix`
 * false) nothing is written: a drift is only reported, with the command that fixes it by hand.
 */
export function planFixPullRequest(input: { status: DriftStatus; hasFix: boolean; branchExists: boolean; pullOpen: boolean; canFix?: boolean }): FixAction {
  if (input.status === 'invalid') return 'skip-invalid';
  const canFix = input.canFix ?? true;
  if (input.status === 'drift') return canFix && input.hasFix ? (input.pullOpen ? 'update' : 'open') : 'report';
  return canFix && (input.pullOpen || input.branchExists) ? 'close' : 'none';
}
