import { describe, expect, it } from '@jest/globals';
import { buildSloOutcome } from '../../../../core/gates/slo/build-slo-outcome.js';
import { evaluateSlo } from '../../../../core/gates/slo/evaluate-slo.js';
import { planSloQueries, ratiosFromValues, type QueryValue } from '../../../../core/gates/slo/plan-slo-queries.js';
import { DEFAULT_POLICY, type RatioReading, type SloDecision, type SloDefinition } from '../../../../core/gates/slo/types.js';

const slo: SloDefinition = { name: 'availability', service: 'checkout', objective: 0.999, window: '30d' };
const context = { subject: { repo: 'acme/shop', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };

/** Readings where every burn window has `burn` times the budget rate and the SLO window has consumed `consumed` of it. */
function readings(consumed: number, burn = 0.1, overrides: Record<string, RatioReading> = {}): Record<string, RatioReading> {
  const r = (x: number): RatioReading => ({ ok: true, ratio: x * 0.001 });
  return { '30d': r(consumed), '5m': r(burn), '30m': r(burn), '1h': r(burn), '6h': r(burn), ...overrides };
}

describe('evaluateSlo', () => {
  it.each<[string, number, number, SloDecision | undefined, SloDecision, string]>([
    ['well within budget', 0.05, 0.1, undefined, 'ok', '5% of the 30d error budget is consumed, within the warning threshold of 20%.'],
    ['at the warning threshold', 0.2, 0.1, undefined, 'ok', '20% of the 30d error budget is consumed, within the warning threshold of 20%.'],
    ['above the warning threshold', 0.25, 0.1, undefined, 'warn', '25% of the 30d error budget is consumed, above the warning threshold of 20%.'],
    ['above the block threshold', 0.31, 0.1, undefined, 'block', '31% of the 30d error budget is consumed, above the block threshold of 30%.'],
    ['blocked before and not yet below the release threshold', 0.15, 0.1, 'block', 'block', '15% of the 30d error budget is consumed; the previous report blocked, and a block lifts only below 10%.'],
    ['blocked before and now below the release threshold', 0.09, 0.1, 'block', 'ok', '9% of the 30d error budget is consumed, within the warning threshold of 20%.'],
    ['within budget but burning fast', 0.05, 15, undefined, 'warn', '5% of the 30d error budget is consumed, but the fast burn alert (over 14.4x in 1h and 5m) and the slow burn alert (over 6x in 6h and 30m) is firing.'],
  ])('%s: %s', (_name, consumed, burn, previous, decision, reason) => {
    const result = evaluateSlo({ slo, readings: readings(consumed, burn), policy: DEFAULT_POLICY, previous });
    expect([result.decision, result.reason]).toEqual([decision, reason]);
    expect(result.budgetConsumed).toBeCloseTo(consumed, 6);
  });

  it('fires the fast burn alert only when both its windows exceed 14.4x', () => {
    const longOnly = evaluateSlo({ slo, readings: readings(0.05, 0.1, { '1h': { ok: true, ratio: 0.02 } }), policy: DEFAULT_POLICY });
    expect(longOnly.alerts.map((a) => a.firing)).toEqual([false, false]);
    expect(longOnly.burnRates).toEqual({ '5m': 0.1, '30m': 0.1, '1h': 20, '6h': 0.1 });
    const both = evaluateSlo({ slo, readings: readings(0.05, 0.1, { '1h': { ok: true, ratio: 0.02 }, '5m': { ok: true, ratio: 0.015 } }), policy: DEFAULT_POLICY });
    expect(both.alerts).toEqual([
      { name: 'fast burn', longWindow: '1h', shortWindow: '5m', factor: 14.4, firing: true },
      { name: 'slow burn', longWindow: '6h', shortWindow: '30m', factor: 6, firing: false },
    ]);
  });

  it('is invalid, never ok, when any window could not be read, and says which', () => {
    const result = evaluateSlo({ slo, readings: readings(0.01, 0.1, { '5m': { ok: false, error: 'the query returned NaN' } }), policy: DEFAULT_POLICY });
    expect(result).toMatchObject({ decision: 'invalid', budgetConsumed: 0.01, error: 'the query returned NaN' });
    const missing = evaluateSlo({ slo, readings: { '5m': { ok: true, ratio: 0 } }, policy: DEFAULT_POLICY });
    expect(missing).toMatchObject({ decision: 'invalid', budgetConsumed: null, error: 'no value for 30d; no value for 30m; no value for 1h; no value for 6h' });
  });
});

describe('planSloQueries and ratiosFromValues', () => {
  const good: SloDefinition = { ...slo, window: '28d', sli: { good: 'sum(rate(ok[{{window}}]))', total: 'sum(rate(all[{{ .window }}]))' } };

  it('queries good and total for the SLO window and each burn window, filling {{window}}', () => {
    expect(planSloQueries(good).map((q) => `${q.name}=${q.promql}`)).toEqual([
      'good_28d=sum(rate(ok[28d]))', 'total_28d=sum(rate(all[28d]))', 'good_5m=sum(rate(ok[5m]))', 'total_5m=sum(rate(all[5m]))',
      'good_30m=sum(rate(ok[30m]))', 'total_30m=sum(rate(all[30m]))', 'good_1h=sum(rate(ok[1h]))', 'total_1h=sum(rate(all[1h]))', 'good_6h=sum(rate(ok[6h]))', 'total_6h=sum(rate(all[6h]))',
    ]);
  });

  it('turns good and total into error ratios, refusing no traffic and good above total', () => {
    const v = (value: number): QueryValue => ({ ok: true, value });
    const values = new Map<string, QueryValue>([
      ['good_28d', v(999)], ['total_28d', v(1000)], ['good_5m', v(0)], ['total_5m', v(0)], ['good_30m', v(11)], ['total_30m', v(10)],
      ['good_1h', { ok: false, error: 'no data' }], ['total_1h', v(1)], ['good_6h', v(5)],
    ]);
    expect(ratiosFromValues(good, values)).toEqual({
      '28d': { ok: true, ratio: expect.closeTo(0.001, 9) as unknown as number },
      '5m': { ok: false, error: 'total over 5m is 0: no traffic, so the error ratio is undefined' },
      '30m': { ok: false, error: 'good over 30m (11) is not between 0 and total (10): check the queries' },
      '1h': { ok: false, error: 'good over 1h: no data' },
      '6h': { ok: false, error: 'no query result for 6h' },
    });
  });
});

describe('buildSloOutcome', () => {
  const results = (['ok', 'warn', 'block'] as const).map((d, i) => evaluateSlo({ slo: { ...slo, name: `slo-${i}` }, readings: readings([0.05, 0.25, 0.5][i]!), policy: DEFAULT_POLICY }));

  it('fails when an SLO blocks, annotates warnings and blocks on the SLO lines, and counts decisions', () => {
    const outcome = buildSloOutcome({ source: { type: 'precomputed', at: '2026-11-20T12:00:00.000Z' }, policy: DEFAULT_POLICY, slos: results }, context, { path: 'slo/slos.yml', lines: { 'checkout\u0000slo-2': 14 } });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.headline).toBe('1 block, 1 warn of 3 SLOs');
    expect(outcome.outputs).toEqual({ decision: 'block', 'blocked-slos': '1', 'warned-slos': '1', 'invalid-slos': '0' });
    expect(outcome.annotations.map((a) => [a.level, a.file, a.startLine])).toEqual([['warning', 'slo/slos.yml', undefined], ['error', 'slo/slos.yml', 14]]);
    expect(outcome.markdown).toMatch(/\| checkout \| slo-2 +\| 99\.9% +\| 50% +\| 0\.1x \/ 0\.1x \/ 0\.1x \/ 0\.1x +\| none +\| ❌ block +\|/);
  });

  it('passes with warnings', () => {
    const outcome = buildSloOutcome({ source: { type: 'precomputed', at: '2026-11-20T12:00:00.000Z' }, policy: DEFAULT_POLICY, slos: results.slice(0, 2) }, context);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.headline).toBe('1 warn of 2 SLOs');
  });
});
