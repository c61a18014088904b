/** k6 metric types, as handleSummary() names them. */
export type K6MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

/** One metric of a k6 run, in one shape whichever k6 output it came from. */
export interface K6Metric {
  type?: K6MetricType;
  /** Statistics by name (avg, med, p(95), rate, count, value, passes, fails); times in milliseconds. */
  values: Record<string, number>;
  /** Threshold expression to ok (true when it held), as k6 recorded it. */
  thresholds?: Record<string, boolean>;
}

/** A k6 end-of-test summary, normalised. */
export interface K6Summary {
  format: 'summary-export' | 'handle-summary';
  metrics: Record<string, K6Metric>;
}

/** A threshold to evaluate on a summary and where it comes from. */
export interface ThresholdSpec {
  metric: string;
  expression: string;
  source: 'k6' | 'catalog' | 'config';
}

/** One evaluated threshold, as the k6-summary report records it. */
export interface ThresholdResult extends ThresholdSpec {
  value: number | null;
  ok: boolean;
  evaluable: boolean;
}

/** The baseline comparison of a k6-summary report. */
export interface BaselineResult {
  file: string;
  p95DeltaPct: number | null;
  baselineP95: number | null;
  currentP95: number | null;
  maxDeltaPct: number;
  ok: boolean;
}

/** `data` of a k6-summary report. */
export interface K6ReportData {
  source: { format: K6Summary['format']; file?: string };
  metrics: Record<string, K6Metric>;
  thresholds: ThresholdResult[];
  baseline?: BaselineResult;
  checks?: { passes: number; fails: number };
}
