import { markdownTable } from 'markdown-table';

/**
 * A Markdown table that fits `budget` characters: rows are kept in order while they fit, and a
 * visible line says how many were left out and where the full list is. Cells must be escaped already.
 */
export function renderBudgetTable(header: string[], rows: string[][], budget: number, fullListAt: string): string[] {
  const lines = markdownTable([header, ...rows], { alignDelimiters: false }).split('\n');
  const out = lines.slice(0, 2);
  let size = out.join('\n').length;
  let kept = 0;
  for (const line of lines.slice(2)) {
    if (size + line.length + 1 > budget) break;
    out.push(line);
    size += line.length + 1;
    kept++;
  }
  if (kept < rows.length) out.push('', `_${rows.length - kept} more ${rows.length - kept === 1 ? 'row was' : 'rows were'} left out to stay within GitHub's size limit; ${fullListAt} has every row._`);
  return out;
}
