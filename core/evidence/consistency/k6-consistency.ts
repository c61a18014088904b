import { holds, lookUpStat, parseThresholdExpression } from '../../gates/k6/parse-threshold.js';
import type { K6ReportData, ThresholdResult } from '../../gates/k6/types.js';
import type { EvidenceIssue } from '../types.js';
import { issue, own, token } from './consistency-words.js';

/**
 * A k6-summary report's results against its metrics: every threshold k6 recorded on a metric is
 * listed (a failed one as failed), an entry listed as k6's has k6's verdict, and nothing is listed
 * as recorded by k6 that the metric lacks; a threshold that could not be evaluated does not hold;
 * a compared value is the metric's statistic and, for the catalog's and the config's thresholds,
 * decides `ok`; the check counts are the `checks` metric's; the baseline verdict follows from its
 * numbers.
 */
export function k6Consistency(data: K6ReportData): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  // Whether each listed metric and expression has a failed entry, whatever its source.
  const listed = new Map<string, boolean>();
  data.thresholds.forEach((t, index) => {
    const key = `${t.metric}\u0000${t.expression}`;
    listed.set(key, (listed.get(key) ?? false) || !t.ok);
    issues.push(...thresholdIssues(data, t, `/data/thresholds/${index}`));
  });
  for (const [metric, m] of Object.entries(data.metrics)) {
    for (const [expression, ok] of Object.entries(m.thresholds ?? {})) {
      const failed = listed.get(`${metric}\u0000${expression}`);
      const at = `/data/metrics/${token(metric)}/thresholds/${token(expression)}`;
      if (failed === undefined) issues.push(issue(at, `is ${ok} (k6 recorded that the threshold ${ok ? 'held' : 'failed'}), but /data/thresholds does not list it`));
      else if (!ok && !failed) issues.push(issue(at, 'is false (k6 recorded that the threshold failed), but /data/thresholds lists it only as held'));
    }
  }
  const checks = data.metrics.checks?.values;
  for (const field of ['passes', 'fails'] as const) {
    const own = data.checks?.[field];
    if (own !== undefined && checks?.[field] !== undefined && own !== checks[field]) issues.push(issue(`/data/checks/${field}`, `is ${own}, but /data/metrics/checks/values/${field} is ${checks[field]}`));
  }
  if (data.baseline) issues.push(...baselineIssues(data));
  return issues;
}

function thresholdIssues(data: K6ReportData, t: ThresholdResult, at: string): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  const name = `${t.metric} ${t.expression}`;
  if (!t.evaluable && t.ok) issues.push(issue(`${at}/ok`, `is true, but ${at}/evaluable is false: a threshold that could not be evaluated does not hold`));
  if (t.source === 'k6') {
    const recorded = own(own(data.metrics, t.metric)?.thresholds, t.expression);
    if (recorded === undefined) issues.push(issue(at, `says k6 recorded ${name}, but /data/metrics/${token(t.metric)}/thresholds has no such threshold`));
    else if (recorded !== t.ok) issues.push(issue(`${at}/ok`, `is ${t.ok}, but k6 recorded that ${name} ${recorded ? 'held' : 'failed'} (/data/metrics/${token(t.metric)}/thresholds/${token(t.expression)})`));
  }
  const parsed = parseThresholdExpression(t.expression);
  const values = own(data.metrics, t.metric)?.values;
  const stat = parsed && values ? lookUpStat(values, parsed.stat) : undefined;
  if (typeof t.value === 'number' && stat !== undefined && stat !== t.value) issues.push(issue(`${at}/value`, `is ${t.value}, but the ${parsed!.stat} of ${t.metric} in /data/metrics is ${stat}`));
  if (t.source !== 'k6' && t.evaluable) {
    if (!parsed) issues.push(issue(`${at}/evaluable`, `is true, but ${JSON.stringify(t.expression)} is not a threshold expression the gate can evaluate`));
    else if (typeof t.value !== 'number') issues.push(issue(`${at}/evaluable`, `is true, but no value was compared (${at}/value is null)`));
    else if (holds(parsed, t.value) !== t.ok) issues.push(issue(`${at}/ok`, `is ${t.ok}, but the value ${t.value} ${t.ok ? 'does not meet' : 'meets'} ${t.expression}`));
  }
  return issues;
}

function baselineIssues(data: K6ReportData): EvidenceIssue[] {
  const b = data.baseline!;
  const issues: EvidenceIssue[] = [];
  const current = lookUpStat(data.metrics.http_req_duration?.values ?? {}, 'p(95)');
  if (typeof b.currentP95 === 'number' && current !== undefined && current !== b.currentP95) {
    issues.push(issue('/data/baseline/currentP95', `is ${b.currentP95}, but the p(95) of http_req_duration in /data/metrics is ${current}`));
  }
  if (typeof b.currentP95 === 'number' && typeof b.baselineP95 === 'number' && b.baselineP95 > 0 && b.p95DeltaPct !== null) {
    const delta = Math.round(((b.currentP95 - b.baselineP95) / b.baselineP95) * 10_000) / 100;
    if (Math.abs(delta - b.p95DeltaPct) > 0.011) issues.push(issue('/data/baseline/p95DeltaPct', `is ${b.p95DeltaPct}, but from ${b.baselineP95} ms (baselineP95) to ${b.currentP95} ms (currentP95) is a change of ${delta}%`));
  }
  const ok = b.p95DeltaPct !== null && b.p95DeltaPct <= b.maxDeltaPct;
  if (b.ok !== ok) {
    const why = b.p95DeltaPct === null ? 'p95DeltaPct is null (nothing was compared)' : `p95DeltaPct ${b.p95DeltaPct} is ${ok ? 'within' : 'more than'} maxDeltaPct ${b.maxDeltaPct}`;
    issues.push(issue('/data/baseline/ok', `is ${b.ok}, but ${why}`));
  }
  return issues;
}
