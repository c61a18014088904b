import { MaestroError } from '../../errors.js';
import { METRIC_NAME } from './parse-k6-summary.js';

/** Comparison operators of k6's threshold syntax. */
export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

/** A parsed threshold expression such as `p(95)<350`: the statistic, the operator and the bound. */
export interface ThresholdExpression {
  /** avg, min, max, med, p(N), count, rate or value. */
  stat: string;
  operator: ThresholdOperator;
  bound: number;
}

const EXPRESSION = /^\s*(avg|min|max|med|count|rate|value|p\(\s*(\d{1,2}(?:\.\d+)?|100)\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

/**
 * Parses a k6 threshold expression (`<aggregation> <operator> <number>`, spaces optional, as k6
 * itself accepts). Returns undefined for anything else, which the gate reports as not evaluable.
 */
export function parseThresholdExpression(text: string): ThresholdExpression | undefined {
  const match = EXPRESSION.exec(text);
  if (!match) return undefined;
  const stat = match[2] === undefined ? match[1]!.toLowerCase() : `p(${Number(match[2])})`;
  return { stat, operator: match[3] as ThresholdOperator, bound: Number(match[4]) };
}

/** True when `value` meets the expression. */
export function holds(expression: ThresholdExpression, value: number): boolean {
  switch (expression.operator) {
    case '<': return value < expression.bound;
    case '<=': return value <= expression.bound;
    case '>': return value > expression.bound;
    case '>=': return value >= expression.bound;
    case '!=': return value !== expression.bound;
    default: return value === expression.bound;
  }
}

/**
 * The statistic an expression compares, from a metric's values: `p(95)` also matches `p(95.0)`,
 * and `med` and `p(50)` stand for each other. Undefined when the summary does not have it (k6's
 * summaryTrendStats decides which percentiles are written).
 */
export function lookUpStat(values: Record<string, number>, stat: string): number | undefined {
  if (values[stat] !== undefined) return values[stat];
  const percentile = /^p\((.+)\)$/.exec(stat);
  if (percentile) {
    const wanted = Number(percentile[1]);
    for (const [key, value] of Object.entries(values)) {
      const other = /^p\((.+)\)$/.exec(key);
      if (other && Number(other[1]) === wanted) return value;
    }
    if (wanted === 50) return values.med;
  }
  return stat === 'med' ? lookUpStat(values, 'p(50)') : undefined;
}

/**
 * Parses a `--threshold` option: `<metric>:<expression>`, such as `http_req_duration:p(95)<350` or
 * `http_req_duration{scenario:browse}:p(99)<900` (the metric's tag braces may hold colons).
 */
export function parseThresholdOption(text: string): { metric: string; expression: string } {
  const match = /^\s*([A-Za-z0-9_.]+(?:\{[^}]*\})?)\s*:\s*(.+)$/.exec(text);
  const usage = { remedy: "write it as <metric>:<expression>, such as http_req_duration:p(95)<350 or 'http_req_duration{scenario:browse}:p(99)<900'." };
  if (!match) throw new MaestroError('USAGE', `threshold ${JSON.stringify(text.slice(0, 200))} does not name a metric`, usage);
  const [, metric, expression] = match as unknown as [string, string, string];
  if (!METRIC_NAME.test(metric)) throw new MaestroError('USAGE', `threshold metric ${JSON.stringify(metric.slice(0, 200))} has characters a report cannot carry`, usage);
  if (!parseThresholdExpression(expression)) {
    throw new MaestroError('USAGE', `threshold ${JSON.stringify(text.slice(0, 200))}: ${JSON.stringify(expression.slice(0, 200))} is not a k6 threshold expression`, {
      remedy: 'use <statistic> <operator> <number>: a statistic of avg, min, max, med, p(N), count, rate or value, and an operator of <, <=, >, >=, ==, !=.',
    });
  }
  return { metric, expression: expression.trim() };
}
