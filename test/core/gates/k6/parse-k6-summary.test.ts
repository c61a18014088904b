import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseK6Summary } from '../../../../core/gates/k6/parse-k6-summary.js';
import { holds, lookUpStat, parseThresholdExpression, parseThresholdOption } from '../../../../core/gates/k6/parse-threshold.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/k6', name), 'utf8'));

describe('parseK6Summary', () => {
  describe('given a --summary-export file', () => {
    const summary = parseK6Summary(fixture('summary-export.json'), 'summary-export.json');

    it('recognises the format and infers each metric type from its statistics', () => {
      expect(summary.format).toBe('summary-export');
      expect(summary.metrics.http_req_duration!.type).toBe('trend');
      expect(summary.metrics.http_reqs!.type).toBe('counter');
      expect(summary.metrics.vus!.type).toBe('gauge');
    });

    it("renames a rate metric's value to rate, as handleSummary() names it", () => {
      expect(summary.metrics.http_req_failed!.values).toEqual({ passes: 6, fails: 2394, rate: 0.0025 });
    });

    it('inverts the threshold booleans, which --summary-export sets when a threshold FAILED', () => {
      expect(summary.metrics.http_req_duration!.thresholds).toEqual({ 'p(95)<300': true, 'p(99)<500': false });
    });

    it('keeps sub-metrics whose tags hold URLs', () => {
      expect(summary.metrics['http_req_duration{name:/api/items?page=1}']!.thresholds).toEqual({ 'p(95)<250': false });
    });
  });

  describe('given handleSummary() data', () => {
    const summary = parseK6Summary(fixture('handle-summary.json'), 'handle-summary.json');

    it('reads values, types and {ok} thresholds as they are', () => {
      expect(summary.format).toBe('handle-summary');
      expect(summary.metrics['http_req_duration{scenario:browse}']).toEqual({ type: 'trend', values: { avg: 110, min: 30.5, med: 100, max: 900, 'p(90)': 200, 'p(95)': 250, 'p(99)': 500 }, thresholds: { 'p(99)<450': false } });
      expect(summary.metrics.http_req_failed!.values.rate).toBe(0.004);
    });
  });

  it.each([
    ['an array', [], /has no metrics object, so it is not a k6 summary \(at \/metrics\)/],
    ['a summary without metrics', { root_group: {} }, /has no metrics object/],
    ['a metric that is a number', { metrics: { vus: 3 } }, /has a metric that is not an object \(at \/metrics\/vus\)/],
    ['a metric name with markup', { metrics: { '<img src=x>': { count: 1 } } }, /has a metric named "<img src=x>", which has characters a report cannot carry/],
    ['a threshold result of the wrong type', { metrics: { vus: { value: 1, thresholds: { 'value<5': 'no' } } } }, /neither a boolean/],
    ['handleSummary data with a metric without values', { metrics: { a: { values: { avg: 1 } }, b: { type: 'trend' } } }, /has a metric without values/],
    ['too many metrics', { metrics: Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`m${i}`, { count: 1 }])) }, /has 2001 metrics, more than 2000/],
  ])('refuses %s with SCHEMA_INVALID naming the field', (_name, document, message) => {
    expect(() => parseK6Summary(document, 's.json')).toThrow(message);
  });

  it('leaves out statistics that are not finite numbers, so thresholds on them are not evaluable', () => {
    expect(parseK6Summary({ metrics: { d: { avg: 'fast', 'p(95)': null, med: 3 } } }, 's.json').metrics.d!.values).toEqual({ med: 3 });
  });
});

describe('k6 threshold expressions', () => {
  it.each([
    ['p(95)<350', { stat: 'p(95)', operator: '<', bound: 350 }],
    ['p(95) < 5000', { stat: 'p(95)', operator: '<', bound: 5000 }],
    ['p(99.9)<=1e3', { stat: 'p(99.9)', operator: '<=', bound: 1000 }],
    ['rate>0.95', { stat: 'rate', operator: '>', bound: 0.95 }],
    ['count===0', { stat: 'count', operator: '===', bound: 0 }],
    ['value != -1', { stat: 'value', operator: '!=', bound: -1 }],
  ])('parses %s', (text, expected) => {
    expect(parseThresholdExpression(text)).toEqual(expected);
  });

  it.each(['p95<350', 'avg', 'p(95)<', 'p(95)<350ms', 'rate~0.1'])('does not parse %s', (text) => {
    expect(parseThresholdExpression(text)).toBeUndefined();
  });

  it('compares with each operator', () => {
    expect([holds({ stat: 'avg', operator: '<', bound: 2 }, 2), holds({ stat: 'avg', operator: '<=', bound: 2 }, 2), holds({ stat: 'avg', operator: '>=', bound: 2 }, 1), holds({ stat: 'avg', operator: '==', bound: 2 }, 2)]).toEqual([false, true, false, true]);
  });

  it('finds percentiles by number and treats med as p(50)', () => {
    expect(lookUpStat({ 'p(95.0)': 7 }, 'p(95)')).toBe(7);
    expect(lookUpStat({ med: 4 }, 'p(50)')).toBe(4);
    expect(lookUpStat({ 'p(50)': 4 }, 'med')).toBe(4);
    expect(lookUpStat({ 'p(90)': 4 }, 'p(99)')).toBeUndefined();
  });

  it('parses --threshold options whose sub-metric tags hold colons', () => {
    expect(parseThresholdOption('http_req_duration{scenario:browse}:p(95)<300')).toEqual({ metric: 'http_req_duration{scenario:browse}', expression: 'p(95)<300' });
    expect(parseThresholdOption('http_req_failed: rate < 0.02')).toEqual({ metric: 'http_req_failed', expression: 'rate < 0.02' });
  });

  it.each([
    ['p(95)<350', /does not name a metric/],
    ['http_req_duration:p95<350', /"p95<350" is not a k6 threshold expression/],
  ])('refuses --threshold %s with a usage error', (text, message) => {
    expect(() => parseThresholdOption(text)).toThrow(message);
  });
});
