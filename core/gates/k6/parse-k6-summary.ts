import { MaestroError } from '../../errors.js';
import type { K6Metric, K6MetricType, K6Summary } from './types.js';

/** Metric names a report can carry (k6 names plus sub-metric tags such as `{name:/api/items?page=1}`). */
export const METRIC_NAME = /^[A-Za-z0-9_{}:,.= /?&%+~#@;()[\]!*$'-]{1,200}$/;
const STAT_NAME = /^[A-Za-z0-9()._-]{1,40}$/;
const EXPRESSION = /^[A-Za-z0-9()._ <>=!%+-]{1,200}$/;
const MAX_METRICS = 2000;
const MAX_STATS = 50;
const TYPES = new Set<string>(['trend', 'rate', 'counter', 'gauge']);

/**
 * Reads a k6 end-of-test summary: the `--summary-export` file (flat statistics; a threshold's
 * boolean there is true when it FAILED) or the data k6 hands to `handleSummary()` (statistics under
 * `values`, thresholds as `{ok}`), into one shape where a threshold's boolean is true when it held.
 * A `--summary-export` rate metric's `value` becomes `rate`, as handleSummary() names it.
 */
export function parseK6Summary(document: unknown, file: string): K6Summary {
  const metrics = (isObject(document) ? document.metrics : undefined) as unknown;
  if (!isObject(metrics)) {
    throw invalid(file, '/metrics', 'has no metrics object, so it is not a k6 summary', 'pass the file written by k6 run --summary-export, or the JSON of the data handleSummary() receives.');
  }
  const entries = Object.entries(metrics);
  if (entries.length > MAX_METRICS) throw invalid(file, '/metrics', `has ${entries.length} metrics, more than ${MAX_METRICS}`, 'drop per-URL sub-metrics that nothing checks (k6 creates one per threshold on a tag).');
  const format = entries.some(([, m]) => isObject(m) && isObject(m.values)) ? 'handle-summary' : 'summary-export';
  const out: Record<string, K6Metric> = {};
  for (const [name, raw] of entries) {
    const pointer = `/metrics/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!METRIC_NAME.test(name)) throw invalid(file, pointer, `has a metric named ${JSON.stringify(name.slice(0, 100))}, which has characters a report cannot carry or is longer than 200`, 'rename the metric or its tags in the k6 script.');
    if (!isObject(raw)) throw invalid(file, pointer, 'has a metric that is not an object', 'pass an unmodified k6 summary.');
    out[name] = format === 'handle-summary' ? fromHandleSummary(raw, file, pointer) : fromSummaryExport(raw, file, pointer);
  }
  return { format, metrics: out };
}

function fromHandleSummary(raw: Record<string, unknown>, file: string, pointer: string): K6Metric {
  if (!isObject(raw.values)) throw invalid(file, `${pointer}/values`, 'has a metric without values, in a handleSummary() file where every metric has them', 'pass an unmodified k6 summary.');
  const metric: K6Metric = { values: numbers(raw.values, file, `${pointer}/values`) };
  if (typeof raw.type === 'string' && TYPES.has(raw.type)) metric.type = raw.type as K6MetricType;
  if (raw.thresholds !== undefined) {
    metric.thresholds = thresholds(raw.thresholds, file, `${pointer}/thresholds`, (v) => (isObject(v) && typeof v.ok === 'boolean' ? v.ok : undefined));
  }
  return metric;
}

function fromSummaryExport(raw: Record<string, unknown>, file: string, pointer: string): K6Metric {
  const { thresholds: rawThresholds, ...stats } = raw;
  const values = numbers(stats, file, pointer);
  const metric: K6Metric = { type: inferType(values), values };
  if (metric.type === 'rate' && values.value !== undefined) {
    values.rate = values.value;
    delete values.value;
  }
  // --summary-export records true for a threshold that failed (k6's "tainted" flag).
  if (rawThresholds !== undefined) metric.thresholds = thresholds(rawThresholds, file, `${pointer}/thresholds`, (v) => (typeof v === 'boolean' ? !v : undefined));
  return metric;
}

/** --summary-export does not name metric types; its statistics tell them apart. */
function inferType(values: Record<string, number>): K6MetricType {
  if ('passes' in values && 'fails' in values) return 'rate';
  if ('avg' in values || 'med' in values || Object.keys(values).some((k) => k.startsWith('p('))) return 'trend';
  if ('count' in values) return 'counter';
  return 'gauge';
}

function numbers(raw: Record<string, unknown>, file: string, pointer: string): Record<string, number> {
  const entries = Object.entries(raw);
  if (entries.length > MAX_STATS) throw invalid(file, pointer, `has ${entries.length} statistics, more than ${MAX_STATS}`, 'trim summaryTrendStats to the statistics you check.');
  const out: Record<string, number> = {};
  for (const [stat, value] of entries) {
    // k6 writes only finite numbers here; anything else is not a statistic and is left out, so a
    // threshold on it is reported as not evaluable rather than guessed.
    if (typeof value === 'number' && Number.isFinite(value) && STAT_NAME.test(stat)) out[stat] = value;
  }
  return out;
}

function thresholds(raw: unknown, file: string, pointer: string, held: (value: unknown) => boolean | undefined): Record<string, boolean> {
  if (!isObject(raw)) throw invalid(file, pointer, 'has thresholds that are not an object', 'pass an unmodified k6 summary.');
  const out: Record<string, boolean> = {};
  const entries = Object.entries(raw);
  if (entries.length > MAX_STATS) throw invalid(file, pointer, `has ${entries.length} thresholds on one metric, more than ${MAX_STATS}`, 'pass an unmodified k6 summary.');
  for (const [expression, value] of entries) {
    const ok = held(value);
    if (ok === undefined) throw invalid(file, `${pointer}/${expression}`, 'has a threshold result that is neither a boolean (--summary-export) nor {"ok": boolean} (handleSummary)', 'pass an unmodified k6 summary.');
    if (!EXPRESSION.test(expression)) throw invalid(file, `${pointer}/${expression.slice(0, 100)}`, `has a threshold expression ${JSON.stringify(expression.slice(0, 100))} with characters outside k6's threshold syntax`, 'pass an unmodified k6 summary.');
    out[expression] = ok;
  }
  return out;
}

function invalid(file: string, pointer: string, what: string, remedy: string): MaestroError {
  return new MaestroError('SCHEMA_INVALID', `k6 summary ${file} ${what} (at ${pointer})`, { file, pointer, remedy });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
