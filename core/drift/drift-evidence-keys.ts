/**
 * Where a drift sweep's evidence lies in an evidence store. Every sweep gets its own folder named
 * after its start time, so nothing is ever written twice under one key: the reports at
 * `drift/<time>/<owner>/<repo>.json` and, per installation, the summary at `drift/<time>/<account>.json`
 * (an account name has no dot, so a summary never collides with a report folder).
 */
export const DRIFT_EVIDENCE_PREFIX = 'drift';

/** A sweep's start time as a key segment: ISO 8601 basic format, sortable, no `:`. */
export function sweepFolder(startedAt: string): string {
  const time = new Date(startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${DRIFT_EVIDENCE_PREFIX}/${time}`;
}

/** The key of one repository's drift-report (`owner/name` as GitHub spells it: no `..`, no other `/`). */
export function driftReportKey(startedAt: string, repo: string): string {
  return `${sweepFolder(startedAt)}/${repo}.json`;
}

/** The key of an installation's sweep summary. */
export function driftSummaryKey(startedAt: string, account: string): string {
  // Enterprise accounts have a display name rather than a login: anything but a login's characters becomes `-`.
  return `${sweepFolder(startedAt)}/${account.replace(/[^A-Za-z0-9_-]/g, '-')}.json`;
}
