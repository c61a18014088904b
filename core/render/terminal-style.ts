import { truncate } from '../util/escape-markdown.js';

/** The colours the terminal views use, as SGR codes. */
const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1, cyan: 36 } as const;

/** A colour or weight of the terminal views. */
export type Tone = keyof typeof CODES;

/** How a terminal view is styled: the CLI decides `color` from the terminal, NO_COLOR and FORCE_COLOR. */
export interface TerminalStyle {
  color: boolean;
}

/** The text in a tone when colour is on; as it is otherwise. */
export function paint(text: string, tone: Tone, style: TerminalStyle): string {
  return style.color && text ? `\u001B[${CODES[tone]}m${text}\u001B[0m` : text;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: untrusted text must not move the cursor or recolour the terminal.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** Zero-width and direction-changing characters: they break copy and paste, or reorder what a reader sees. */
const INVISIBLE = /[\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Untrusted text for a terminal: one line, no control characters (no escape sequences), no
 * zero-width or bidi characters, bounded. Nothing is escaped: a terminal shows it as it is.
 */
export function plainText(text: string, maxLength = 500): string {
  return truncate(text.replace(/[\r\n]+/g, ' ').replace(CONTROL, '').replace(INVISIBLE, ''), maxLength);
}

/** Visible width of a string: code points, ANSI colour codes left out. */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex -- the colour codes this module writes
  return [...text.replace(/\u001B\[\d+m/g, '')].length;
}

/** Rows as aligned columns, two spaces apart; the last column is not padded. */
export function alignColumns(rows: string[][], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows.map((row) => `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : `${cell}${' '.repeat(widths[i]! - visibleWidth(cell))}`)).join('  ')}`.trimEnd());
}
