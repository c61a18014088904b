import type { ControlDecision, DecisionResult, GateConclusion, GateResult } from '../engine/types.js';
import { reportOnlyHeading } from '../result/report-only-words.js';

/** How each result reads to a person, with a symbol that survives plain-text rendering. */
export const RESULT_WORDS: Record<DecisionResult, string> = {
  pass: '✅ met',
  fail: '❌ not met',
  missing: '❌ evidence missing',
  stale: '❌ evidence stale',
  invalid: '❌ evidence invalid',
  waived: '⚠️ waived',
  'not-applicable': '➖ not applicable',
};

/** Result words of a control, marking failures that do not block. */
export function controlResultWords(control: Pick<ControlDecision, 'result' | 'blocking'>): string {
  const words = RESULT_WORDS[control.result];
  const failing = control.result === 'fail' || control.result === 'missing' || control.result === 'stale' || control.result === 'invalid';
  return failing && !control.blocking ? `${words.replace('❌', '⚠️')} (report-only)` : words;
}

/** The conclusion as a heading word. */
export const CONCLUSION_WORDS: Record<GateConclusion, string> = {
  success: '✅ passed',
  failure: '❌ failed',
  neutral: '➖ nothing to check',
  action_required: '⚠️ config error',
};

/** The heading word of a result: an applied override reads as overridden, never as passed. */
export function conclusionWords(result: Pick<GateResult, 'conclusion' | 'override' | 'mode'>): string {
  return result.override?.state === 'applied' ? '⚠️ overridden' : reportOnlyHeading(result) ?? CONCLUSION_WORDS[result.conclusion];
}

/** Framework ids in one cell: `SOC 2 CC8.1 · ISO A.8.32 · SSDF PW.8.2`. */
export function frameworksText(frameworks: ControlDecision['frameworks']): string {
  return [`SOC 2 ${frameworks.soc2.join(', ')}`, `ISO ${frameworks.iso27001.join(', ')}`, `SSDF ${frameworks.ssdf.join(', ')}`].join(' · ');
}
