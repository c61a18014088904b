import type { Control } from '../controls/types.js';
import { controlDecisions, parseWaiver, type DecisionLog } from './read-decision-log.js';
import type { ControlRow, ControlStatus } from './types.js';

const FAILING = new Set(['fail', 'missing', 'stale', 'invalid']);

/**
 * The controls table of a release: every control of the catalog the release was held against, as
 * the release's own gate decided it (its decision log), with who decided, when and why. A failing
 * control under an applied override of the gate is overridden (by the override's author); a control
 * required for releases that the pack published without, under the bundle's override, is overridden
 * too; a control the log does not mention has no decision.
 */
export function toControlRows(controls: Control[], log: DecisionLog | undefined, required?: { by: string; reason: string; at: string; controls: string[] }): ControlRow[] {
  const decided = new Map((log ? controlDecisions(log) : []).map((d) => [d.ruleId, d]));
  const overridden = log?.override?.state === 'applied' ? log.override : undefined;
  return controls.map((control) => {
    const base = { id: control.id, title: control.title, requiredForRelease: control.requiredForRelease === true, frameworks: control.frameworks };
    if (required?.controls.includes(control.id)) {
      return { ...base, status: 'overridden' as const, by: required.by, at: required.at, why: `Published without this required control's evidence: ${required.reason}` };
    }
    const d = decided.get(control.id);
    if (!d || !log) return { ...base, status: 'no-decision' as const, why: log ? 'The release\'s gate did not decide this control (not in its catalog or config).' : 'No decision log of the release commit is in the bundle.' };
    if (d.result === 'waived') {
      const waiver = parseWaiver(control.id, d.explanation);
      return { ...base, status: 'waived' as const, by: waiver?.by ?? log.checkName, at: log.evaluatedAt, why: waiver?.reason ?? d.explanation, ...(waiver ? { until: waiver.until } : {}) };
    }
    if (FAILING.has(d.result) && overridden) {
      return { ...base, status: 'overridden' as const, by: overridden.by, at: overridden.at, why: `${overridden.reason} (the control was ${d.result}: ${d.explanation})` };
    }
    const status: ControlStatus = d.result === 'pass' ? 'met' : d.result === 'not-applicable' ? 'not-applicable' : 'failed';
    return { ...base, status, by: log.checkName, at: log.evaluatedAt, why: d.explanation };
  });
}
