import { isMap } from './parse-workflow.js';

/** One `on.schedule` entry: its cron (spaces collapsed) and its IANA time zone (GitHub's default: UTC). */
export interface ScheduleEntry {
  cron: string;
  timezone?: string;
}

/** A repository schedule that lacks crons of the template's. */
export interface ScheduleNarrowing {
  expected: ScheduleEntry[];
  actual: ScheduleEntry[];
  /** The template's entries the repository does not have, which a fix appends. */
  missing: ScheduleEntry[];
}

/** The entries of an `on.schedule` value; anything that is not a list of `cron:` maps has none. */
export function scheduleEntries(on: unknown): ScheduleEntry[] {
  const schedule = isMap(on) ? on.schedule : undefined;
  if (!Array.isArray(schedule)) return [];
  return schedule.filter(isMap).filter((e) => e.cron !== undefined && e.cron !== null).map((e) => ({ cron: String(e.cron).trim().replace(/\s+/g, ' '), ...(e.timezone === undefined || e.timezone === null ? {} : { timezone: String(e.timezone) }) }));
}

/** Whether two entries run at the same times: the same cron text in the same zone (absent and `UTC` are the same). */
export function sameEntry(a: ScheduleEntry, b: ScheduleEntry): boolean {
  return a.cron === b.cron && (a.timezone ?? 'UTC') === (b.timezone ?? 'UTC');
}

/**
 * The template's crons a repository's schedule lacks, when both have a `schedule` trigger (a removed
 * one is a missing trigger). Crons are compared as text: a different cron is reported even when it
 * runs as often or more, because whether it covers the template's times cannot be told soundly from
 * the text (GitHub runs schedules at most every 5 minutes, delays or drops busy ones, and does not
 * document how it combines day of month and day of week). Extra crons are the repository's business.
 */
export function narrowedSchedule(templateOn: unknown, repoOn: unknown): ScheduleNarrowing | undefined {
  if (!isMap(templateOn) || !('schedule' in templateOn) || !isMap(repoOn) || !('schedule' in repoOn)) return undefined;
  const expected = scheduleEntries(templateOn);
  const actual = scheduleEntries(repoOn);
  const missing = expected.filter((t) => !actual.some((r) => sameEntry(t, r)));
  return missing.length === 0 ? undefined : { expected, actual, missing };
}

/** A schedule as the report quotes it: `[17 5 * * *, 0 6 * * 1 (Europe/Paris)]`, or `(none)`. */
export function describeSchedule(entries: ScheduleEntry[]): string {
  return entries.length === 0 ? '(none)' : `[${entries.map((e) => (e.timezone === undefined ? e.cron : `${e.cron} (${e.timezone})`)).join(', ')}]`;
}
