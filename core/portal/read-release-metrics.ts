import type { EvidenceReport } from '../evidence/types.js';
import type { ReleaseMetrics } from './types.js';

interface K6Threshold {
  metric: string;
  expression: string;
  value?: number | null;
}

/**
 * The k6 p95 of a release and its bound: the `p(95)<N` threshold of its k6-summary report,
 * `http_req_duration` first, then the first such threshold by metric name.
 */
export function k6P95(report: EvidenceReport | undefined): ReleaseMetrics['k6'] {
  if (report?.kind !== 'k6-summary') return undefined;
  const thresholds = ((report.data as { thresholds?: K6Threshold[] }).thresholds ?? [])
    .map((t) => ({ t, bound: /^p\(95\)\s*<=?\s*([0-9]+(?:\.[0-9]+)?)$/.exec(t.expression.trim())?.[1] }))
    .filter((x): x is { t: K6Threshold; bound: string } => x.bound !== undefined && typeof x.t.value === 'number')
    .sort((a, b) => Number(b.t.metric === 'http_req_duration') - Number(a.t.metric === 'http_req_duration') || a.t.metric.localeCompare(b.t.metric));
  const best = thresholds[0];
  return best ? { metric: best.t.metric, p95: best.t.value as number, bound: Number(best.bound) } : undefined;
}

/** The most burned SLO of a release's slo-burn report and the policy's block bound. */
export function sloBurn(report: EvidenceReport | undefined): ReleaseMetrics['slo'] {
  if (report?.kind !== 'slo-burn') return undefined;
  const data = report.data as { policy: { blockAbove: number }; slos: Array<{ name: string; budgetConsumed: number | null }> };
  const worst = data.slos.filter((s) => typeof s.budgetConsumed === 'number').sort((a, b) => (b.budgetConsumed as number) - (a.budgetConsumed as number))[0];
  return worst ? { name: worst.name, burn: worst.budgetConsumed as number, bound: data.policy.blockAbove } : undefined;
}
