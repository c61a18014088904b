import type { ValidEvidence } from '../evidence/types.js';
import type { PullRequestFacts } from '../pr/types.js';
import type { WaiverUse } from './types.js';
import { type WaiverPolicy, waiverPolicyProblem } from './waiver-policy.js';

interface WaiverData {
  controlId: string;
  until: string;
  reason: string;
  approvedBy: string;
  pr?: number;
}

/** The waivers of one control on a PR, as the engine judges them. */
export interface FoundWaivers {
  /** The one that governs: the active one lasting longest, else the most recently expired one. */
  chosen?: Omit<WaiverUse, 'state'> & { active: boolean };
  /** Waivers still running that break the repo's waiver policy: shown, never applied. */
  rejected: WaiverUse[];
}

/**
 * The waivers that concern a control on this PR: the one that governs it (the active one lasting
 * longest, else the most recently expired one, reported so an expiry never goes unnoticed) and
 * those the repo's waiver policy rejects, whatever their source. A waiver's `until` date is its
 * last day, inclusive, in UTC; an expired waiver is only ever reported as expired.
 */
export function findWaiver(controlId: string, waivers: ValidEvidence[], pr: PullRequestFacts, nowMs: number, policy: WaiverPolicy): FoundWaivers {
  let active: (ValidEvidence & { endMs: number }) | undefined;
  let expired: (ValidEvidence & { endMs: number }) | undefined;
  const rejected: WaiverUse[] = [];
  for (const waiver of waivers) {
    const data = waiver.report.data as unknown as WaiverData;
    if (data.controlId !== controlId || waiver.report.subject.repo !== pr.repo) continue;
    if (data.pr !== undefined && data.pr !== pr.number) continue;
    const endMs = Date.parse(`${data.until}T00:00:00Z`) + 86_400_000;
    const entry = { ...waiver, endMs };
    if (endMs <= nowMs) {
      if (!expired || endMs > expired.endMs) expired = entry;
      continue;
    }
    const problem = waiverPolicyProblem({ until: data.until, approvedBy: data.approvedBy, createdAt: waiver.report.createdAt }, pr.author, policy, nowMs);
    if (problem) rejected.push({ ...useOf(controlId, waiver), state: 'rejected', rejection: problem });
    else if (!active || endMs > active.endMs) active = entry;
  }
  const chosen = active ?? expired;
  rejected.sort((a, b) => (a.ref.path < b.ref.path ? -1 : a.ref.path > b.ref.path ? 1 : 0));
  return { ...(chosen ? { chosen: { ...useOf(controlId, chosen), active: chosen === active } } : {}), rejected };
}

function useOf(controlId: string, waiver: ValidEvidence): Omit<WaiverUse, 'state'> {
  const data = waiver.report.data as unknown as WaiverData;
  return { controlId, until: data.until, reason: data.reason, approvedBy: data.approvedBy, ref: waiver.ref };
}
