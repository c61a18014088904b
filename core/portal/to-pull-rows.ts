import { controlDecisions, parseWaiver, type DecisionLog } from './read-decision-log.js';
import type { PullRow, WaiverUse } from './types.js';

/** A pull request as the pack lists it, with its decision logs read (oldest evaluation first). */
export interface PullSource {
  number: number;
  title?: string;
  author?: string;
  openedAt?: string;
  mergedAt?: string;
  logs: DecisionLog[];
  /** Site-relative path of the newest log's copy. */
  newestHref?: string;
}

/** One row per pull request: the newest evaluation's conclusion, its override and waivers, and the first passing evaluation. */
export function toPullRow(pull: PullSource): PullRow {
  const logs = [...pull.logs].sort((a, b) => a.evaluatedAt.localeCompare(b.evaluatedAt));
  const newest = logs[logs.length - 1];
  const firstPass = logs.find((l) => l.conclusion === 'success' && l.override?.state !== 'applied');
  const waivers: WaiverUse[] = newest ? controlDecisions(newest).filter((d) => d.result === 'waived').map((d) => parseWaiver(d.ruleId, d.explanation) ?? { control: d.ruleId, by: newest.checkName, until: '', reason: d.explanation }) : [];
  const override = newest?.override?.state === 'applied' ? { by: newest.override.by, reason: newest.override.reason, at: newest.override.at } : undefined;
  return {
    number: pull.number,
    ...(pull.title !== undefined ? { title: pull.title } : {}),
    ...(pull.author !== undefined ? { author: pull.author } : {}),
    ...(pull.openedAt !== undefined ? { openedAt: pull.openedAt } : {}),
    ...(pull.mergedAt !== undefined ? { mergedAt: pull.mergedAt } : {}),
    ...(newest ? { conclusion: newest.conclusion, ...(newest.headline ? { headline: newest.headline } : {}) } : {}),
    ...(override ? { override } : {}),
    waivers,
    ...(firstPass ? { firstPassAt: firstPass.evaluatedAt } : {}),
    evaluations: logs.length,
    ...(pull.newestHref ? { decisionLog: pull.newestHref } : {}),
  };
}

/** Hours from opening to the first passing gate, for pull requests that have both. */
export function leadHours(rows: PullRow[]): number[] {
  return rows.flatMap((r) => {
    if (!r.openedAt || !r.firstPassAt) return [];
    const hours = (Date.parse(r.firstPassAt) - Date.parse(r.openedAt)) / 3_600_000;
    return Number.isFinite(hours) && hours >= 0 ? [hours] : [];
  });
}
