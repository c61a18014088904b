import { formatPercent } from '../../util/format-number.js';
import { BURN_ALERTS, BURN_WINDOWS, type RatioReading, type SloDecision, type SloDefinition, type SloPolicy, type SloResult } from './types.js';

/** What one SLO is evaluated from. */
export interface SloEvaluationInput {
  slo: SloDefinition;
  /** Error ratio by window: the SLO window and the burn-rate windows. */
  readings: Record<string, RatioReading>;
  policy: SloPolicy;
  /** The SLO's decision in the previous report, for the hysteresis of a block. */
  previous?: SloDecision;
  queries?: SloResult['queries'];
  values?: Record<string, number | null>;
}

/**
 * Decides one SLO: budget consumed over its window (error ratio / (1 - objective)), the burn rate
 * of each window, the multi-window alerts, and the policy: block above `blockAbove`; a block of the
 * previous report holds until the budget consumed falls below `releaseBelow`; warn above
 * `warnAbove` or while a burn alert fires. A value that could not be read makes it `invalid`.
 */
export function evaluateSlo(input: SloEvaluationInput): SloResult {
  const { slo, readings, policy } = input;
  const budget = 1 - slo.objective;
  const burnRates: Record<string, number> = {};
  for (const window of BURN_WINDOWS) {
    const reading = readings[window];
    if (reading?.ok) burnRates[window] = round(reading.ratio / budget, 4);
  }
  const alerts = BURN_ALERTS.map((a) => ({ ...a, firing: (burnRates[a.longWindow] ?? 0) > a.factor && (burnRates[a.shortWindow] ?? 0) > a.factor }));
  const own = readings[slo.window];
  const consumed = own?.ok ? round(own.ratio / budget, 6) : null;
  const base = { name: slo.name, service: slo.service, objective: slo.objective, window: slo.window, budgetConsumed: consumed, burnRates, alerts, queries: input.queries ?? {}, ...(input.values ? { values: input.values } : {}) };

  const errors = [slo.window, ...BURN_WINDOWS].filter((w, i, all) => all.indexOf(w) === i).flatMap((w) => {
    const reading = readings[w];
    if (!reading) return [`no value for ${w}`];
    return reading.ok ? [] : [reading.error];
  });
  if (errors.length > 0 || consumed === null) {
    const error = errors.join('; ').slice(0, 2000);
    return { ...base, decision: 'invalid', reason: `could not be evaluated, so it does not pass: ${error}`.slice(0, 2000), error };
  }
  const { decision, reason } = decide(consumed, slo.window, policy, input.previous, alerts.filter((a) => a.firing));
  return { ...base, decision, reason };
}

function decide(consumed: number, window: string, policy: SloPolicy, previous: SloDecision | undefined, firing: Array<{ name: string; longWindow: string; shortWindow: string; factor: number }>): { decision: SloDecision; reason: string } {
  const used = `${formatPercent(consumed)} of the ${window} error budget is consumed`;
  if (consumed > policy.blockAbove) return { decision: 'block', reason: `${used}, above the block threshold of ${formatPercent(policy.blockAbove)}.` };
  if (previous === 'block' && consumed >= policy.releaseBelow) return { decision: 'block', reason: `${used}; the previous report blocked, and a block lifts only below ${formatPercent(policy.releaseBelow)}.` };
  if (consumed > policy.warnAbove) return { decision: 'warn', reason: `${used}, above the warning threshold of ${formatPercent(policy.warnAbove)}.` };
  if (firing.length > 0) return { decision: 'warn', reason: `${used}, but the ${firing.map((a) => `${a.name} alert (over ${a.factor}x in ${a.longWindow} and ${a.shortWindow})`).join(' and the ')} is firing.` };
  return { decision: 'ok', reason: `${used}, within the warning threshold of ${formatPercent(policy.warnAbove)}.` };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
