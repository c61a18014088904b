import type { MaestroConfig } from '../config/types.js';

/** The repo config's waiver rules that every waiver must meet when the gate evaluates, whatever its source. */
export interface WaiverPolicy {
  /** Longest waiver, in days, counted from the day it was granted, that day being day one. */
  maxDays: number;
  /** Whether a waiver approved by the PR's author counts. */
  allowSelf: boolean;
  /** Where the rules come from (`.github/maestro.yml`), for explanations. */
  source: string;
}

/** The fields of a waiver that the policy judges. */
export interface WaiverTerms {
  until: string;
  approvedBy: string;
  /** When the waiver was granted (the report's `createdAt`). */
  createdAt: string;
}

const DAY_MS = 86_400_000;

/** The waiver rules of a repo config. */
export function waiverPolicyOf(config: MaestroConfig, source: string): WaiverPolicy {
  // A source in parentheses, such as `(defaults)`, is no file: the built-in defaults apply.
  return { maxDays: config.waivers.maxDays, allowSelf: config.waivers.allowSelf, source: /^\(.*\)$/.test(source) ? 'the default config' : source };
}

/**
 * Why a waiver breaks the repo's waiver policy, or undefined when it keeps it. Pure: the time is
 * given. A waiver lasts from the day it was granted (never counted from after `nowMs`, so a
 * report dated in the future gains nothing) to its `until` day, both inclusive, in UTC, the same
 * count `/waive` applies when it grants one. A waiver approved by the PR's own author counts only
 * where the config allows it (logins compared without case, as GitHub does).
 */
export function waiverPolicyProblem(terms: WaiverTerms, author: string, policy: WaiverPolicy, nowMs: number): string | undefined {
  const problems: string[] = [];
  if (!policy.allowSelf && terms.approvedBy.toLowerCase() === author.toLowerCase()) {
    problems.push(`@${terms.approvedBy} approved it on a pull request they opened, and ${policy.source} lets nobody waive their own pull request (waivers.allowSelf)`);
  }
  const granted = Date.parse(terms.createdAt);
  const start = Math.min(startOfDay(Number.isNaN(granted) ? nowMs : granted), startOfDay(nowMs));
  const last = Date.parse(`${terms.until}T00:00:00Z`);
  const days = Math.round((last - start) / DAY_MS) + 1;
  if (!Number.isNaN(last) && days > policy.maxDays) {
    problems.push(`it lasts ${days} days from ${new Date(start).toISOString().slice(0, 10)}, beyond the ${policy.maxDays} days ${policy.source} allows (waivers.maxDays)`);
  }
  return problems.length > 0 ? problems.join('; and ') : undefined;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
