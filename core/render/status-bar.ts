import type { GateResult } from '../engine/types.js';

/** The four states the status bar shows, in its order. */
export type StatusBarState = 'met' | 'waived' | 'not met' | 'not applicable';

/** How many controls are in each state: failures of every kind count as not met. */
export function statusCounts(result: Pick<GateResult, 'counts'>): Record<StatusBarState, number> {
  const c = result.counts;
  return { met: c.pass, waived: c.waived, 'not met': c.fail + c.missing + c.stale + c.invalid, 'not applicable': c['not-applicable'] };
}

/**
 * Coloured squares that survive everywhere GitHub renders Markdown (comments strip inline SVG and
 * data URIs): one per state, in the colours of the result words.
 */
export const STATUS_BLOCKS: Record<StatusBarState, string> = { met: '🟩', waived: '🟨', 'not met': '🟥', 'not applicable': '⬜' };

/** The longest bar, in squares: a catalog of hundreds of controls still fits one line. */
export const STATUS_BAR_WIDTH = 20;

/**
 * How many squares each state gets: one per control up to `width` controls, else a share of
 * `width` (largest remainders), never zero for a state that has a control.
 */
export function statusBarCells(counts: Record<StatusBarState, number>, width = STATUS_BAR_WIDTH): Record<StatusBarState, number> {
  const states = Object.keys(counts) as StatusBarState[];
  const total = states.reduce((sum, s) => sum + counts[s], 0);
  if (total <= width) return { ...counts };
  const present = states.filter((s) => counts[s] > 0);
  const room = width - present.length;
  const cells = Object.fromEntries(states.map((s) => [s, counts[s] > 0 ? 1 + Math.floor((counts[s] / total) * room) : 0])) as Record<StatusBarState, number>;
  let left = width - states.reduce((sum, s) => sum + cells[s], 0);
  const byRemainder = [...present].sort((a, b) => ((counts[b] / total) * room) % 1 - ((counts[a] / total) * room) % 1);
  for (const s of byRemainder) {
    if (left <= 0) break;
    cells[s]++;
    left--;
  }
  return cells;
}

/** The status bar in Markdown: `🟩🟩🟨🟥⬜⬜ 2 met · 1 waived · 1 not met · 2 not applicable`; states without controls are left out of the words. */
export function renderStatusBar(result: Pick<GateResult, 'counts'>): string {
  const counts = statusCounts(result);
  const cells = statusBarCells(counts);
  const states = Object.keys(counts) as StatusBarState[];
  const bar = states.map((s) => STATUS_BLOCKS[s].repeat(cells[s])).join('');
  const words = states.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(' · ');
  return bar ? `${bar} ${words}` : 'no control in the catalog';
}
