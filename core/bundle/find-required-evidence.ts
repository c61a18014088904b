import type { Control, ParamValue } from '../controls/types.js';
import type { EvidenceReport } from '../evidence/types.js';
import type { PackRequirement } from './pack-types.js';

interface Decision {
  decisionId: string;
  ruleId: string;
  result: string;
}

/**
 * The evidence a release holds for each control its catalog marks `requiredForRelease`: a decision
 * of the release's gate that met or waived the control (`decision <id>`), and every report in the
 * release (its artifacts and the pack's drill and drift reports) of a kind one of the control's
 * requirements asks for, matching that requirement's `match`. A control with neither lacks evidence.
 */
export function findRequiredEvidence(controls: Control[], reports: Array<{ path: string; report: EvidenceReport }>, releaseLog: { path: string; report: EvidenceReport } | undefined): PackRequirement[] {
  const decisions = ((releaseLog?.report.data as { decisions?: Decision[] } | undefined)?.decisions ?? []);
  return controls
    .filter((c) => c.requiredForRelease === true)
    .map((control) => {
      const decided = decisions.filter((d) => d.ruleId === control.id && (d.result === 'pass' || d.result === 'waived')).map((d) => `${releaseLog!.path}#${d.decisionId}`);
      const reported = reports
        .filter(({ report }) => control.evidence.some((req) => req.kind !== 'link' && req.kind === report.kind && matches(req.match, report.data)))
        .map((r) => r.path);
      return { id: control.id, evidence: [...new Set([...decided, ...reported])].sort() };
    });
}

function matches(match: Record<string, ParamValue | ParamValue[]> | undefined, data: Record<string, unknown>): boolean {
  if (!match) return true;
  return Object.entries(match).every(([key, want]) => (Array.isArray(want) ? want.includes(data[key] as ParamValue) : data[key] === want));
}
