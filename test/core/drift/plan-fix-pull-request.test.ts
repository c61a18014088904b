import { describe, expect, it } from '@jest/globals';
import { planFixPullRequest } from '../../../core/drift/plan-fix-pull-request.js';
import type { DriftStatus } from '../../../core/drift/types.js';

describe('planFixPullRequest', () => {
  it.each<[DriftStatus, boolean, boolean, boolean, boolean, string]>([
    // status, hasFix, branchExists, pullOpen, canFix
    ['drift', true, false, false, true, 'open'],
    ['drift', true, true, true, true, 'update'],
    ['drift', true, false, false, false, 'report'],
    ['drift', true, true, true, false, 'report'],
    ['drift', false, false, false, true, 'report'],
    ['clean', false, true, true, true, 'close'],
    ['clean', false, true, true, false, 'none'],
    ['clean', false, false, false, true, 'none'],
    ['invalid', false, true, true, true, 'skip-invalid'],
    ['invalid', false, false, false, false, 'skip-invalid'],
  ])('%s, fix %s, branch %s, pull %s, drift-fix App %s: %s', (status, hasFix, branchExists, pullOpen, canFix, expected) => {
    expect(planFixPullRequest({ status, hasFix, branchExists, pullOpen, canFix })).toBe(expected);
  });

  it('never drops a drift silently: every drifted repository is written to or reported', () => {
    for (const canFix of [true, false]) for (const hasFix of [true, false]) expect(['open', 'update', 'report']).toContain(planFixPullRequest({ status: 'drift', hasFix, branchExists: false, pullOpen: false, canFix }));
  });
});
