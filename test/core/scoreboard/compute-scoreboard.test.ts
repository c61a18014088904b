import { describe, expect, it } from '@jest/globals';
import { computeScoreboard } from '../../../core/scoreboard/compute-scoreboard.js';
import type { MergedPull } from '../../../core/scoreboard/types.js';

const NOW = '2026-11-20T12:00:00Z';
const pull = (repo: string, number: number, gate: MergedPull['gate'], mergedAt = '2026-11-19T10:00:00Z'): MergedPull => ({ repo, number, mergedAt, gate });

describe('computeScoreboard', () => {
  it('counts a merge as passed only when the gate succeeded (or nothing applied) without override', () => {
    const board = computeScoreboard(
      [
        pull('acme/web', 1, { conclusion: 'success' }),
        pull('acme/web', 2, { conclusion: 'neutral' }),
        pull('acme/web', 3, { conclusion: 'success', waived: ['GA-08'] }),
        pull('acme/web', 4, { conclusion: 'failure', overridden: true }),
        pull('acme/web', 5, { conclusion: 'success', overridden: true }),
        pull('acme/web', 6, { conclusion: 'failure' }),
        pull('acme/web', 7, { conclusion: 'action_required' }),
        pull('acme/web', 8, null),
      ],
      { now: NOW, days: 30 },
    );
    expect(board.repos).toEqual([{ repo: 'acme/web', merged: 8, passed: 3, passedWithWaivers: 1, overridden: 2, failed: 2, missing: 1, share: 3 / 8 }]);
  });

  it('takes merges of the last n days up to now, the start excluded and now included', () => {
    const board = computeScoreboard(
      [pull('acme/web', 1, { conclusion: 'success' }, '2026-10-21T12:00:00Z'), pull('acme/web', 2, { conclusion: 'success' }, '2026-10-21T12:00:01Z'), pull('acme/web', 3, { conclusion: 'failure' }, NOW), pull('acme/web', 4, { conclusion: 'failure' }, '2026-11-20T12:00:01Z')],
      { now: NOW, days: 30 },
    );
    expect(board.window).toEqual({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', days: 30 });
    expect(board.org).toMatchObject({ merged: 2, passed: 1, failed: 1, share: 0.5 });
  });

  it('rolls up every repository and lists the worst first, names breaking ties', () => {
    const board = computeScoreboard(
      [pull('acme/web', 1, { conclusion: 'success' }), pull('acme/b', 2, { conclusion: 'failure' }), pull('acme/a', 3, { conclusion: 'failure' }), pull('acme/c', 4, { conclusion: 'success' }), pull('acme/c', 5, { conclusion: 'failure' })],
      { now: NOW, days: 30, orgLabel: 'acme' },
    );
    expect(board.repos.map((r) => [r.repo, r.share])).toEqual([
      ['acme/a', 0],
      ['acme/b', 0],
      ['acme/c', 0.5],
      ['acme/web', 1],
    ]);
    expect(board.org).toMatchObject({ repo: 'acme', merged: 5, passed: 2, share: 0.4 });
  });

  it('counts a pull request listed twice once, with its last entry', () => {
    const board = computeScoreboard([pull('acme/web', 1, { conclusion: 'failure' }), pull('Acme/web', 1, { conclusion: 'success' })], { now: NOW, days: 30 });
    expect(board.org).toMatchObject({ merged: 1, passed: 1 });
  });

  it('has no share when nothing merged', () => {
    expect(computeScoreboard([], { now: NOW, days: 30 }).org).toMatchObject({ merged: 0, share: null });
  });
});
