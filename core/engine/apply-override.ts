import type { GateResult, OverrideUse } from './types.js';

/** An override as given by a person, before the engine knows whether it was needed. */
export type OverrideInput = Omit<OverrideUse, 'state' | 'wouldBe'>;

/**
 * The gate result with the override of its commit applied. An override for another commit does
 * nothing (a new push clears it). A failing gate concludes success with a headline that starts
 * with "Overridden by", so the check run, the gate notes and the scoreboard tell it from a pass;
 * a gate that passes anyway keeps its own headline and lists the override as not needed.
 */
export function applyOverride(result: GateResult, override: OverrideInput | undefined): GateResult {
  if (!override || override.sha !== result.subject.sha) return result;
  const failing = result.conclusion === 'failure' || result.conclusion === 'action_required';
  if (!failing) return { ...result, override: { ...override, state: 'not-needed', wouldBe: result.conclusion } };
  return {
    ...result,
    conclusion: 'success',
    headline: `Overridden by @${override.by} for commit ${override.sha.slice(0, 7)} (reason: ${override.reason}). Without the override: ${result.headline}`,
    override: { ...override, state: 'applied', wouldBe: result.conclusion },
  };
}
