import type { ReportContext } from '../../evidence/build-report.js';
import { renderK6Outcome } from '../../render/gates/render-k6-outcome.js';
import { buildGateOutcome } from '../../result/build-gate-outcome.js';
import type { GateAnnotation, GateOutcome } from '../../result/gate-outcome.js';
import { formatNumber } from '../../util/format-number.js';
import { k6Passed } from './evaluate-k6.js';
import type { K6ReportData, ThresholdResult } from './types.js';

/** The k6 gate's outcome: the k6-summary report, a headline, the Markdown table and one annotation per failed threshold. */
export function buildK6Outcome(data: K6ReportData, context: ReportContext): GateOutcome<K6ReportData> {
  const failed = data.thresholds.filter((t) => !t.ok);
  const annotations: GateAnnotation[] = failed.map((t) => ({ level: 'error', title: 'k6 threshold', message: sentence(t) }));
  if (data.baseline && !data.baseline.ok) annotations.push({ level: 'error', title: 'k6 regression', message: baselineSentence(data.baseline) });
  const p95 = data.metrics.http_req_duration?.values['p(95)'];
  return buildGateOutcome({
    gate: 'k6',
    kind: 'k6-summary',
    data,
    context,
    passed: k6Passed(data),
    headline: headlineOf(data, failed),
    body: renderK6Outcome(data),
    annotations,
    outputs: { 'failed-thresholds': String(failed.length), 'p95-ms': p95 === undefined ? '' : String(p95) },
  });
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
  return `${t.metric} ${t.expression} did not hold${t.value === null ? '' : `: the value is ${formatNumber(t.value)}`} (${from}).`;
}

function baselineSentence(b: NonNullable<K6ReportData['baseline']>): string {
  if (b.p95DeltaPct === null) return `the p(95) of http_req_duration could not be compared with the baseline ${b.file} (this run: ${b.currentP95 ?? 'missing'}, baseline: ${b.baselineP95 ?? 'missing'}), so the comparison counts as failed.`;
  return `the p(95) of http_req_duration grew ${b.p95DeltaPct}% against the baseline (${formatNumber(b.baselineP95!)} ms to ${formatNumber(b.currentP95!)} ms), more than the allowed ${b.maxDeltaPct}%.`;
}
