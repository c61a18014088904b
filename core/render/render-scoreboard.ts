import { markdownTable } from 'markdown-table';
import type { Score, Scoreboard } from '../scoreboard/types.js';
import { escapeMarkdown } from '../util/escape-markdown.js';

/** A share as the table shows it: rounded down to a tenth of a percent, or a dash. */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.floor(share * 1000) / 10}%`;
}

function row(s: Score, name: string): string[] {
  return [name, formatShare(s.share), String(s.merged), String(s.passed), String(s.passedWithWaivers), String(s.overridden), String(s.failed), String(s.missing)];
}

const HEADER = ['Repository', 'Passed without override', 'Merged', 'Passed', 'with waivers', 'Overridden', 'Gate failed', 'No gate result'];

/** The scoreboard as Markdown: the window, the roll-up, then each repository, worst first. */
export function renderScoreboard(board: Scoreboard): string {
  const rows = [row(board.org, `**${escapeMarkdown(board.org.repo, 100)}**`), ...board.repos.map((s) => row(s, escapeMarkdown(s.repo, 140)))];
  return [
    `### Evidence scoreboard: ${formatShare(board.org.share)} of merges passed the gate without override`,
    '',
    `Pull requests merged from ${board.window.from} to ${board.window.to} (${board.window.days} days).`,
    '',
    markdownTable([HEADER, ...rows], { alignDelimiters: false }),
    '',
  ].join('\n');
}
