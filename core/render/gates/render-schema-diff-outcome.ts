import type { Criticality, SchemaChange, SchemaDiffData, SchemaSource } from '../../gates/schema-diff/types.js';
import { escapeCode, escapeMarkdown } from '../../util/escape-markdown.js';
import { renderBudgetTable } from '../render-budget-table.js';
import { GITHUB_TEXT_LIMIT } from '../render-gate-notes.js';
import type { GateBody } from '../render-gate-outcome.js';

const WORDS: Record<Criticality, string> = { breaking: '❌ breaking', dangerous: '⚠️ dangerous', safe: '✅ safe' };
const FULL_LIST = 'the schema-diff report (maestro schema-diff --format json)';

/**
 * The schema-diff gate's Markdown body: counts, a table of breaking and dangerous changes, safe
 * changes folded, deprecations and broken persisted operations, within `limit` characters; the two
 * schemas in the footer. Schema text (messages quote default values and deprecation reasons) is escaped.
 */
export function renderSchemaDiffOutcome(data: SchemaDiffData, limit = GITHUB_TEXT_LIMIT): GateBody {
  const sections = [['| Breaking | Dangerous | Safe |', '| --- | --- | --- |', `| ${data.counts.breaking} | ${data.counts.dangerous} | ${data.counts.safe} |`].join('\n')];
  let budget = limit - 2000;
  const section = (lines: string[]): void => {
    sections.push(lines.join('\n'));
    budget -= lines.join('\n').length + 1;
  };
  const important = data.changes.filter((c) => c.criticality !== 'safe');
  if (important.length > 0) section(['**Breaking and dangerous changes**', '', ...renderBudgetTable(['', 'Change', 'Path', 'Message'], important.map(changeRow), budget * 0.6, FULL_LIST)]);
  const removedDeprecated = data.deprecations.filter((d) => d.removed);
  if (removedDeprecated.length > 0) section([`**Deprecated elements removed** (${removedDeprecated.length})`, '', ...removedDeprecated.slice(0, 50).map((d) => `- ${escapeCode(d.path)}${d.reason ? `: ${escapeMarkdown(d.reason, 200)}` : ''}`), ...(removedDeprecated.length > 50 ? [`- and ${removedDeprecated.length - 50} more`] : [])]);
  const broken = data.persistedQueries?.broken ?? [];
  if (data.persistedQueries) {
    section([
      `**Persisted operations**: ${data.persistedQueries.checked} checked, ${broken.length} broken`,
      ...(broken.length > 0 ? ['', ...renderBudgetTable(['Operation', 'File', 'Error'], broken.map((b) => [escapeMarkdown(b.operation, 120), escapeCode(b.file, 120), escapeMarkdown(b.message, 300)]), budget * 0.5, FULL_LIST)] : []),
    ]);
  }
  const safe = data.changes.filter((c) => c.criticality === 'safe');
  if (safe.length > 0) section([`<details><summary>${safe.length} safe ${safe.length === 1 ? 'change' : 'changes'}</summary>`, '', ...renderBudgetTable(['', 'Change', 'Path', 'Message'], safe.map(changeRow), budget * 0.7, FULL_LIST), '', '</details>']);
  const current = data.deprecations.length - removedDeprecated.length;
  if (current > 0) sections.push(`_${current} deprecated ${current === 1 ? 'element remains' : 'elements remain'} in the new schema (listed in the report)._`);
  return { sections, footer: `Schemas: ${sourceText(data.old)} → ${sourceText(data.new)}.` };
}

function changeRow(c: SchemaChange): string[] {
  return [WORDS[c.criticality], escapeCode(c.type, 80), c.path ? escapeCode(c.path, 150) : '–', escapeMarkdown(`${c.message}${c.line ? ` (line ${c.line})` : ''}`, 400)];
}

function sourceText(s: SchemaSource): string {
  return s.ref ? `${escapeCode(s.source, 150)} at ${escapeCode(s.ref, 80)}` : escapeCode(s.source, 150);
}
