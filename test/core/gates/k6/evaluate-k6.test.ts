import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildK6Outcome } from '../../../../core/gates/k6/build-k6-outcome.js';
import { evaluateK6, k6Passed } from '../../../../core/gates/k6/evaluate-k6.js';
import { k6CatalogThresholds } from '../../../../core/gates/k6/k6-catalog-thresholds.js';
import { parseK6Summary } from '../../../../core/gates/k6/parse-k6-summary.js';
import type { ThresholdSpec } from '../../../../core/gates/k6/types.js';
import { defaultCatalog } from '../../../../core/generated/catalog.js';

const load = (name: string) => parseK6Summary(JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/k6', name), 'utf8')), name);
const catalog = k6CatalogThresholds(defaultCatalog);
const context = { subject: { repo: 'acme/shop', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };

describe('k6CatalogThresholds', () => {
  it("takes the GA bar from the catalog's k6-summary parameters", () => {
    expect(catalog.map((t) => `${t.metric}:${t.expression}`)).toEqual(['http_req_duration:p(95)<350', 'http_req_duration:p(99)<900', 'http_req_failed:rate<0.01']);
  });

  it("applies the repo config's thresholds.k6-summary overrides", () => {
    expect(k6CatalogThresholds(defaultCatalog, { p95Ms: 400 }).map((t) => t.expression)).toEqual(['p(95)<400', 'p(99)<900', 'rate<0.01']);
  });
});

describe('evaluateK6', () => {
  it("keeps k6's own verdicts and adds the catalog's thresholds (summary-export)", () => {
    const data = evaluateK6({ summary: load('summary-export.json'), file: 'summary-export.json', thresholds: catalog });
    expect(data.thresholds.map((t) => [t.metric, t.expression, t.value, t.ok, t.source])).toEqual([
      ['http_req_duration', 'p(95)<300', 241.9, true, 'k6'],
      ['http_req_duration', 'p(99)<500', 612.3, false, 'k6'],
      ['http_req_duration{name:/api/items?page=1}', 'p(95)<250', 260, false, 'k6'],
      ['http_req_duration', 'p(95)<350', 241.9, true, 'catalog'],
      ['http_req_duration', 'p(99)<900', 612.3, true, 'catalog'],
      ['http_req_failed', 'rate<0.01', 0.0025, true, 'catalog'],
    ]);
    expect(data.checks).toEqual({ passes: 2394, fails: 6 });
    expect(k6Passed(data)).toBe(false);
  });

  it('fails closed when summaryTrendStats left out the percentiles the thresholds need', () => {
    const data = evaluateK6({ summary: load('custom-trend-stats.json'), file: 'c.json', thresholds: catalog });
    expect(data.thresholds.filter((t) => !t.evaluable).map((t) => [t.expression, t.value, t.ok])).toEqual([['p(95)<350', null, false], ['p(99)<900', null, false]]);
    expect(k6Passed(data)).toBe(false);
  });

  it('fails closed on a threshold for a metric the run never recorded', () => {
    const spec: ThresholdSpec = { metric: 'grpc_req_duration', expression: 'p(95)<100', source: 'config' };
    const data = evaluateK6({ summary: load('handle-summary.json'), file: 'h.json', thresholds: [spec] });
    expect(data.thresholds.at(-1)).toEqual({ ...spec, value: null, ok: false, evaluable: false });
  });

  it('evaluates per-scenario thresholds from the configuration', () => {
    const data = evaluateK6({ summary: load('handle-summary.json'), file: 'h.json', thresholds: [{ metric: 'http_req_duration{scenario:checkout}', expression: 'p(95)<350', source: 'config' }] });
    expect(data.thresholds.at(-1)).toMatchObject({ value: 390, ok: false, evaluable: true });
  });

  it.each([
    [10, false, 20.95],
    [25, true, 20.95],
  ])('compares p(95) with a baseline run (allowed growth %d%%)', (maxDeltaPct, ok, delta) => {
    const data = evaluateK6({ summary: load('summary-export.json'), file: 's.json', thresholds: [], baseline: { summary: load('baseline.json'), file: 'baseline.json', maxDeltaPct } });
    expect(data.baseline).toEqual({ file: 'baseline.json', p95DeltaPct: delta, baselineP95: 200, currentP95: 241.9, maxDeltaPct, ok });
  });

  it('fails the baseline comparison when a p(95) is missing', () => {
    const data = evaluateK6({ summary: load('custom-trend-stats.json'), file: 's.json', thresholds: [], baseline: { summary: load('baseline.json'), file: 'b.json', maxDeltaPct: 10 } });
    expect(data.baseline).toMatchObject({ p95DeltaPct: null, currentP95: null, ok: false });
  });
});

describe('buildK6Outcome', () => {
  it('says how many thresholds failed, annotates each, and escapes metric names in the table', () => {
    const outcome = buildK6Outcome(evaluateK6({ summary: load('summary-export.json'), file: 'summary-export.json', thresholds: catalog }), context);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.headline).toBe('2 of 6 k6 thresholds failed');
    expect(outcome.annotations.map((a) => a.message)).toEqual([
      'http_req_duration p(99)<500 did not hold: the value is 612.30 (k6 marked it as failed).',
      'http_req_duration{name:/api/items?page=1} p(95)<250 did not hold: the value is 260 (k6 marked it as failed).',
    ]);
    expect(outcome.markdown).toContain('| `http_req_duration{name:/api/items?page=1}` | `p(95)<250` | 260');
    expect(outcome.outputs).toEqual({ 'failed-thresholds': '2', 'p95-ms': '241.9' });
  });

  it("passes when every threshold holds, k6's and the catalog's", () => {
    const summary = load('handle-summary.json');
    delete summary.metrics['http_req_duration{scenario:browse}']!.thresholds;
    const outcome = buildK6Outcome(evaluateK6({ summary, file: 'h.json', thresholds: catalog }), context);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.headline).toBe('all 5 k6 thresholds held');
    expect(outcome.annotations).toEqual([]);
  });
});
