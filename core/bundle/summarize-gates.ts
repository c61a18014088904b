import type { EvidenceReport } from '../evidence/types.js';
import type { GateSummary } from './types.js';

interface DecisionLogData {
  gate: { conclusion: GateSummary['conclusion']; evaluatedAt: string };
  decisions: Array<{ result: keyof GateSummary['counts'] }>;
}

/**
 * The gate outcome of the release commit from the decision logs among its artifacts: the newest
 * evaluation of that commit (by its evaluation time, then path, so the choice is deterministic),
 * with its decisions counted by result. Undefined when no decision log is about the commit.
 */
export function summarizeGates(reports: Array<{ path: string; report: EvidenceReport }>, commit: string): GateSummary | undefined {
  const logs = reports.filter((r) => r.report.kind === 'decision-log' && r.report.subject.sha === commit);
  const newest = logs.sort((a, b) => {
    const ta = (a.report.data as unknown as DecisionLogData).gate.evaluatedAt;
    const tb = (b.report.data as unknown as DecisionLogData).gate.evaluatedAt;
    return Date.parse(tb) - Date.parse(ta) || (a.path < b.path ? -1 : 1);
  })[0];
  if (!newest) return undefined;
  const data = newest.report.data as unknown as DecisionLogData;
  const counts: GateSummary['counts'] = {};
  for (const key of ['pass', 'fail', 'missing', 'stale', 'invalid', 'waived', 'not-applicable'] as const) {
    const n = data.decisions.filter((d) => d.result === key).length;
    if (n > 0) counts[key] = n;
  }
  return { conclusion: data.gate.conclusion, counts };
}
