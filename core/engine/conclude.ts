import type { ControlDecision, DecisionResult, GateConclusion, RejectedEvidence, ResultCounts } from './types.js';

/** Results that fail a blocking control. */
export const FAILING: ReadonlySet<DecisionResult> = new Set(['fail', 'missing', 'stale', 'invalid']);

/** Order in which a control's requirement results decide the control's result: the first present wins. */
export const PRECEDENCE: readonly DecisionResult[] = ['invalid', 'fail', 'missing', 'stale', 'pass'];

/** Counts control results, every result present with 0 so the JSON shape never varies. */
export function countResults(controls: ControlDecision[]): ResultCounts {
  const counts: ResultCounts = { pass: 0, fail: 0, missing: 0, stale: 0, invalid: 0, waived: 0, 'not-applicable': 0 };
  for (const c of controls) counts[c.result]++;
  return counts;
}

/** The gate's conclusion and the sentence that says why. */
export function conclude(controls: ControlDecision[], rejected: RejectedEvidence[]): { conclusion: GateConclusion; headline: string } {
  const applicable = controls.filter((c) => c.result !== 'not-applicable');
  const blockingFailures = applicable.filter((c) => c.blocking && FAILING.has(c.result));
  const reportOnly = applicable.filter((c) => !c.blocking && FAILING.has(c.result));
  const waived = applicable.filter((c) => c.result === 'waived');
  const extras = [
    waived.length > 0 ? `${waived.length} waived` : '',
    reportOnly.length > 0 ? `${reportOnly.length} report-only ${reportOnly.length === 1 ? 'control fails' : 'controls fail'}` : '',
  ].filter(Boolean);
  const tail = extras.length > 0 ? ` (${extras.join('; ')})` : '';
  if (rejected.length > 0 || blockingFailures.length > 0) {
    const parts: string[] = [];
    if (blockingFailures.length > 0) parts.push(`${blockingFailures.length} of ${applicable.length} applicable controls ${blockingFailures.length === 1 ? 'is' : 'are'} not met: ${blockingFailures.map((c) => c.controlId).join(', ')}`);
    if (rejected.length > 0) parts.push(`${rejected.length} evidence ${rejected.length === 1 ? 'file is' : 'files are'} unusable: ${rejected.map((r) => r.ref.path).slice(0, 5).join(', ')}`);
    return { conclusion: 'failure', headline: `${capitalize(parts.join('; '))}${tail}.` };
  }
  if (applicable.length === 0) return { conclusion: 'neutral', headline: 'No control applies to this pull request.' };
  return { conclusion: 'success', headline: `All ${applicable.length} applicable ${applicable.length === 1 ? 'control is' : 'controls are'} met${tail}.` };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
