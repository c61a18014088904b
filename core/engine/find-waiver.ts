import type { ValidEvidence } from '../evidence/types.js';
import type { PullRequestFacts } from '../pr/types.js';
import type { WaiverUse } from './types.js';

interface WaiverData {
  controlId: string;
  until: string;
  reason: string;
  approvedBy: string;
  pr?: number;
}

/**
 * The waiver that governs a control on this PR: the active one lasting longest, else the most
 * recently expired one (reported so an expiry never goes unnoticed). A waiver's `until` date is
 * its last day, inclusive, in UTC.
 */
export function findWaiver(controlId: string, waivers: ValidEvidence[], pr: PullRequestFacts, nowMs: number): Omit<WaiverUse, 'state'> & { active: boolean } | undefined {
  let active: (ValidEvidence & { endMs: number }) | undefined;
  let expired: (ValidEvidence & { endMs: number }) | undefined;
  for (const waiver of waivers) {
    const data = waiver.report.data as unknown as WaiverData;
    if (data.controlId !== controlId || waiver.report.subject.repo !== pr.repo) continue;
    if (data.pr !== undefined && data.pr !== pr.number) continue;
    const endMs = Date.parse(`${data.until}T00:00:00Z`) + 86_400_000;
    const entry = { ...waiver, endMs };
    if (endMs > nowMs) {
      if (!active || endMs > active.endMs) active = entry;
    } else if (!expired || endMs > expired.endMs) {
      expired = entry;
    }
  }
  const chosen = active ?? expired;
  if (!chosen) return undefined;
  const data = chosen.report.data as unknown as WaiverData;
  return { controlId, until: data.until, reason: data.reason, approvedBy: data.approvedBy, ref: chosen.ref, active: chosen === active };
}
