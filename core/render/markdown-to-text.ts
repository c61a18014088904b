import { alignColumns, paint, plainText, type TerminalStyle } from './terminal-style.js';

/** Emoji of the Markdown views and their terminal symbols (no emoji presentation, no variation selector). */
const SYMBOLS: Array<[RegExp, string]> = [[/✅/g, '✓'], [/❌/g, '✗'], [/⚠️?/g, '!'], [/➖/g, '–'], [/⚙️?/g, '*'], [/\uFE0F/g, '']];

/**
 * The text a reader sees in one line of our Markdown: no backslash escapes, code spans and bold
 * as their text, links as `text (url)`, `<br>` as `; `, the entities and zero-width characters
 * the escaping added removed, and control characters cleaned.
 */
export function markdownInline(line: string): string {
  // Code spans show their content as it is (only a table's `\|` is GitHub's): kept aside while the rest is unescaped.
  const codes: string[] = [];
  let text = line
    .replace(/`([^`]*)`/g, (_m, code: string) => `\u0000${codes.push(code.replace(/\\\|/g, '|')) - 1}\u0000`)
    .replace(/<br\s*\/?>/g, '; ')
    .replace(/<\/?(?:details|summary|b|i|code)>/g, '')
    .replace(/!?\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\\([\\`*_[\]|<>~#&!+\-=.()])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  // eslint-disable-next-line no-control-regex -- the placeholders this function wrote
  text = text.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => codes[Number(n)]!);
  for (const [pattern, symbol] of SYMBOLS) text = text.replace(pattern, symbol);
  return plainText(text, 100_000);
}

/** The cells of a table row, split on pipes that are not escaped. */
function cells(row: string): string[] {
  const parts: string[] = [];
  let current = '';
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && inner[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (ch === '|') {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts;
}

/**
 * Our Markdown (the gates' job summaries, core/render/gates/) as plain text for a terminal:
 * headings without their marks (bold when colour is on), tables as aligned columns, an italic
 * footer as a dim line, and every line through `markdownInline`. Only the Markdown the renderers
 * write is handled; anything else passes through cleaned.
 */
export function markdownToText(markdown: string, style: TerminalStyle): string {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimStart().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) {
        const row = cells(lines[i]!);
        if (!row.every((cell) => /^:?-+:?$/.test(cell))) rows.push(row.map(markdownInline));
        i++;
      }
      i--;
      const [header, ...body] = rows;
      out.push(...alignColumns(header ? [header.map((h) => paint(h, 'bold', style)), ...body] : body, '  '));
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      out.push(paint(markdownInline(heading[1]!), 'bold', style));
      continue;
    }
    const italic = /^_(.*)_$/.exec(line.trim());
    if (italic) {
      out.push(paint(markdownInline(italic[1]!), 'dim', style));
      continue;
    }
    if (/^<\/?details>$/.test(line.trim())) continue;
    out.push(markdownInline(line));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
