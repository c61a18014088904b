import { markdownTable } from 'markdown-table';
import { buildReport, type ReportContext } from '../../evidence/build-report.js';
import { escapeCode } from '../../render/escape-markdown.js';
import type { GateAnnotation, GateOutcome } from '../gate-outcome.js';
import { k6Passed } from './evaluate-k6.js';
import type { K6ReportData, ThresholdResult } from './types.js';

/** The k6 gate's outcome: the k6-summary report, a headline, the Markdown table and one annotation per failed threshold. */
export function buildK6Outcome(data: K6ReportData, context: ReportContext): GateOutcome<K6ReportData> {
  const passed = k6Passed(data);
  const failed = data.thresholds.filter((t) => !t.ok);
  const headline = headlineOf(data, failed);
  const annotations: GateAnnotation[] = failed.map((t) => ({ level: 'error', title: 'k6 threshold', message: sentence(t) }));
  if (data.baseline && !data.baseline.ok) annotations.push({ level: 'error', title: 'k6 regression', message: baselineSentence(data.baseline) });
  const p95 = data.metrics.http_req_duration?.values['p(95)'];
  return {
    gate: 'k6',
    report: buildReport('k6-summary', data, context),
    conclusion: passed ? 'pass' : 'fail',
    headline,
    markdown: render(data, passed, headline),
    annotations,
    outputs: { 'failed-thresholds': String(failed.length), 'p95-ms': p95 === undefined ? '' : String(p95) },
  };
}

function headlineOf(data: K6ReportData, failed: ThresholdResult[]): string {
  const total = data.thresholds.length;
  const unevaluable = failed.filter((t) => !t.evaluable).length;
  const parts = [failed.length === 0 ? `all ${total} k6 thresholds held` : `${failed.length} of ${total} k6 thresholds failed${unevaluable ? ` (${unevaluable} not evaluable)` : ''}`];
  if (data.baseline) parts.push(data.baseline.ok ? `p(95) within ${data.baseline.maxDeltaPct}% of the baseline` : 'p(95) regressed against the baseline');
  return parts.join('; ');
}

/** One sentence per threshold: what it compared and why it did not hold. */
function sentence(t: ThresholdResult): string {
  if (!t.evaluable) return `${t.metric} ${t.expression} could not be evaluated: the summary has no such metric or statistic (check the metric name and k6's summaryTrendStats), so it counts as failed.`;
  const from = t.source === 'k6' ? 'k6 marked it as failed' : `the ${t.source} requires it`;
  return `${t.metric} ${t.expression} did not hold${t.value === null ? '' : `: the value is ${format(t.value)}`} (${from}).`;
}

function baselineSentence(b: NonNullable<K6ReportData['baseline']>): string {
  if (b.p95DeltaPct === null) return `the p(95) of http_req_duration could not be compared with the baseline ${b.file} (this run: ${b.currentP95 ?? 'missing'}, baseline: ${b.baselineP95 ?? 'missing'}), so the comparison counts as failed.`;
  return `the p(95) of http_req_duration grew ${b.p95DeltaPct}% against the baseline (${format(b.baselineP95!)} ms to ${format(b.currentP95!)} ms), more than the allowed ${b.maxDeltaPct}%.`;
}

function render(data: K6ReportData, passed: boolean, headline: string): string {
  const rows = data.thresholds.map((t) => [escapeCode(t.metric), escapeCode(t.expression), t.value === null ? '—' : format(t.value), t.ok ? '✅ held' : t.evaluable ? '❌ failed' : '❌ not evaluable', t.source]);
  const lines = [`### ${passed ? '✅' : '❌'} k6: ${headline}`, ''];
  lines.push(rows.length ? markdownTable([['Metric', 'Threshold', 'Value', 'Result', 'From'], ...rows]) : '_No thresholds were evaluated._', '');
  if (data.baseline) {
    const b = data.baseline;
    lines.push(`**Baseline** ${escapeCode(b.file)}: p(95) ${b.baselineP95 === null ? 'missing' : `${format(b.baselineP95)} ms`} → ${b.currentP95 === null ? 'missing' : `${format(b.currentP95)} ms`} (${b.p95DeltaPct === null ? 'not comparable' : `${b.p95DeltaPct >= 0 ? '+' : ''}${b.p95DeltaPct}%`}, allowed +${b.maxDeltaPct}%) ${b.ok ? '✅' : '❌'}`, '');
  }
  if (data.checks) lines.push(`**Checks**: ${data.checks.passes} passed, ${data.checks.fails} failed.`, '');
  lines.push(`_Source: ${data.source.format === 'summary-export' ? 'k6 --summary-export' : 'k6 handleSummary()'} ${escapeCode(data.source.file ?? '')}; times in milliseconds._`);
  return `${lines.join('\n')}\n`;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 1 ? 4 : 2);
}
