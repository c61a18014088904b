import { markdownTable } from 'markdown-table';
import type { K6ReportData } from '../../gates/k6/types.js';
import { escapeCode } from '../../util/escape-markdown.js';
import { formatNumber } from '../../util/format-number.js';
import type { GateBody } from '../render-gate-outcome.js';

/** The k6 gate's Markdown body: one row per threshold, the baseline comparison and k6's checks; the summary file in the footer. */
export function renderK6Outcome(data: K6ReportData): GateBody {
  const rows = data.thresholds.map((t) => [escapeCode(t.metric), escapeCode(t.expression), t.value === null ? '—' : formatNumber(t.value), t.ok ? '✅ held' : t.evaluable ? '❌ failed' : '❌ not evaluable', t.source]);
  const sections = [rows.length ? markdownTable([['Metric', 'Threshold', 'Value', 'Result', 'From'], ...rows]) : '_No thresholds were evaluated._'];
  if (data.baseline) {
    const b = data.baseline;
    sections.push(`**Baseline** ${escapeCode(b.file)}: p(95) ${b.baselineP95 === null ? 'missing' : `${formatNumber(b.baselineP95)} ms`} → ${b.currentP95 === null ? 'missing' : `${formatNumber(b.currentP95)} ms`} (${b.p95DeltaPct === null ? 'not comparable' : `${b.p95DeltaPct >= 0 ? '+' : ''}${b.p95DeltaPct}%`}, allowed +${b.maxDeltaPct}%) ${b.ok ? '✅' : '❌'}`);
  }
  if (data.checks) sections.push(`**Checks**: ${data.checks.passes} passed, ${data.checks.fails} failed.`);
  return { sections, footer: `Source: ${data.source.format === 'summary-export' ? 'k6 --summary-export' : 'k6 handleSummary()'} ${escapeCode(data.source.file ?? '')}; times in milliseconds.` };
}
