import { holds, lookUpStat, parseThresholdExpression } from './parse-threshold.js';
import type { BaselineResult, K6ReportData, K6Summary, ThresholdResult, ThresholdSpec } from './types.js';

/** What the k6 gate evaluates. */
export interface K6GateInput {
  summary: K6Summary;
  /** The summary's path, recorded in the report. */
  file: string;
  /** Thresholds beyond the ones k6 recorded: the catalog's and the user's. */
  thresholds: ThresholdSpec[];
  baseline?: { summary: K6Summary; file: string; maxDeltaPct: number };
}

const LATENCY = 'http_req_duration';

/**
 * Evaluates a k6 run: every threshold k6 recorded (its own verdict counts, as k6 saw every sample),
 * then the catalog's and the user's thresholds on the summary's statistics, then the p(95)
 * regression against a baseline run. A metric or statistic the summary lacks makes a threshold
 * not evaluable, which is not ok: the gate fails closed.
 */
export function evaluateK6(input: K6GateInput): K6ReportData {
  const { summary } = input;
  const recorded: ThresholdResult[] = Object.entries(summary.metrics).flatMap(([metric, m]) =>
    Object.entries(m.thresholds ?? {}).map(([expression, ok]) => ({ metric, expression, source: 'k6' as const, value: valueOf(summary, metric, expression) ?? null, ok, evaluable: true })),
  );
  const added = input.thresholds.map((spec): ThresholdResult => {
    const value = valueOf(summary, spec.metric, spec.expression);
    const parsed = parseThresholdExpression(spec.expression);
    if (value === undefined || !parsed) return { ...spec, value: null, ok: false, evaluable: false };
    return { ...spec, value, ok: holds(parsed, value), evaluable: true };
  });
  const data: K6ReportData = { source: { format: summary.format, file: input.file.slice(0, 1000) }, metrics: summary.metrics, thresholds: [...recorded, ...added] };
  if (input.baseline) data.baseline = compareBaseline(summary, input.baseline);
  const checks = summary.metrics.checks?.values;
  if (checks && Number.isInteger(checks.passes) && Number.isInteger(checks.fails) && checks.passes! >= 0 && checks.fails! >= 0) data.checks = { passes: checks.passes!, fails: checks.fails! };
  return data;
}

/** True when every threshold held and the baseline, when given, did not regress. */
export function k6Passed(data: K6ReportData): boolean {
  return data.thresholds.every((t) => t.ok) && (data.baseline?.ok ?? true);
}

function valueOf(summary: K6Summary, metric: string, expression: string): number | undefined {
  const parsed = parseThresholdExpression(expression);
  const values = summary.metrics[metric]?.values;
  return parsed && values ? lookUpStat(values, parsed.stat) : undefined;
}

function compareBaseline(summary: K6Summary, baseline: NonNullable<K6GateInput['baseline']>): BaselineResult {
  const current = lookUpStat(summary.metrics[LATENCY]?.values ?? {}, 'p(95)') ?? null;
  const base = lookUpStat(baseline.summary.metrics[LATENCY]?.values ?? {}, 'p(95)') ?? null;
  // A baseline p(95) of 0 gives no ratio; it is reported, not guessed.
  const delta = current === null || base === null || base <= 0 ? null : round(((current - base) / base) * 100);
  return { file: baseline.file.slice(0, 1000), p95DeltaPct: delta, baselineP95: base, currentP95: current, maxDeltaPct: baseline.maxDeltaPct, ok: delta !== null && delta <= baseline.maxDeltaPct };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
