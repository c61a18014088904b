import type { Catalog, ParamValue } from '../../controls/types.js';
import type { ThresholdSpec } from './types.js';

/** The k6 thresholds of the GA bar, used when the catalog's k6 requirement does not set a parameter. */
export const K6_DEFAULT_PARAMS = { p95Ms: 350, p99Ms: 900, failedRate: 0.01 };

/**
 * The thresholds the catalog asks of a k6 run, from the parameters of its k6-summary requirement
 * (p95Ms, p99Ms, failedRate) with the repo config's `thresholds.k6-summary` overrides: the same
 * bounds the gate engine later asserts on the report.
 */
export function k6CatalogThresholds(catalog: Catalog, overrides: Record<string, ParamValue> = {}): ThresholdSpec[] {
  const params = { ...catalog.controls.flatMap((c) => c.evidence).find((r) => r.kind === 'k6-summary')?.params, ...overrides };
  const number = (name: keyof typeof K6_DEFAULT_PARAMS): number => (typeof params[name] === 'number' ? (params[name] as number) : K6_DEFAULT_PARAMS[name]);
  return [
    { metric: 'http_req_duration', expression: `p(95)<${number('p95Ms')}`, source: 'catalog' },
    { metric: 'http_req_duration', expression: `p(99)<${number('p99Ms')}`, source: 'catalog' },
    { metric: 'http_req_failed', expression: `rate<${number('failedRate')}`, source: 'catalog' },
  ];
}
