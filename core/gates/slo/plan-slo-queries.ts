import { BURN_WINDOWS, type RatioReading, type SloDefinition } from './types.js';

/** One PromQL query of an SLO: its name in the report's `values` (`good_1h`, `ratio_30d`) and text. */
export interface PlannedQuery {
  name: string;
  window: string;
  promql: string;
}

/** What a query returned: one number, or why there is none (error, no data, NaN, several series). */
export type QueryValue = { ok: true; value: number } | { ok: false; error: string };

/** The windows an SLO is read over: its own window (the budget) and the burn-rate windows. */
export function sloWindows(slo: SloDefinition): string[] {
  return [...new Set([slo.window, ...BURN_WINDOWS])];
}

/** Fills `{{window}}` (or Sloth's `{{.window}}`) of a query with a range such as 1h. */
export function withWindow(query: string, window: string): string {
  return query.replace(/\{\{ *\.?window *\}\}/g, window);
}

/** The queries to run for an SLO: good and total, or the error ratio, for every window. */
export function planSloQueries(slo: SloDefinition): PlannedQuery[] {
  const sli = slo.sli;
  if (!sli) return [];
  return sloWindows(slo).flatMap((window) =>
    'errorRatio' in sli
      ? [{ name: `ratio_${window}`, window, promql: withWindow(sli.errorRatio, window) }]
      : [{ name: `good_${window}`, window, promql: withWindow(sli.good, window) }, { name: `total_${window}`, window, promql: withWindow(sli.total, window) }],
  );
}

/**
 * The error ratio of each window from the query values: 1 - good/total, or the ratio query's value.
 * No traffic (total 0), a ratio outside 0..1 or good above total cannot be read as a ratio.
 */
export function ratiosFromValues(slo: SloDefinition, values: ReadonlyMap<string, QueryValue>): Record<string, RatioReading> {
  const out: Record<string, RatioReading> = {};
  for (const window of sloWindows(slo)) {
    const ratio = values.get(`ratio_${window}`);
    if (ratio) {
      out[window] = !ratio.ok ? ratio : ratio.value < 0 || ratio.value > 1 ? { ok: false, error: `the error ratio over ${window} is ${ratio.value}, outside 0 to 1` } : { ok: true, ratio: ratio.value };
      continue;
    }
    const good = values.get(`good_${window}`);
    const total = values.get(`total_${window}`);
    if (!good || !total) out[window] = { ok: false, error: `no query result for ${window}` };
    else if (!good.ok) out[window] = { ok: false, error: `good over ${window}: ${good.error}` };
    else if (!total.ok) out[window] = { ok: false, error: `total over ${window}: ${total.error}` };
    else if (total.value <= 0) out[window] = { ok: false, error: `total over ${window} is ${total.value}: no traffic, so the error ratio is undefined` };
    else if (good.value < 0 || good.value > total.value * (1 + 1e-9)) out[window] = { ok: false, error: `good over ${window} (${good.value}) is not between 0 and total (${total.value}): check the queries` };
    else out[window] = { ok: true, ratio: Math.max(0, 1 - good.value / total.value) };
  }
  return out;
}
