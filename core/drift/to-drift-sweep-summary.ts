import type { DriftStatus } from './types.js';

/** One repository's line in a sweep summary: what was found and done, and the stored report's digest. */
export interface DriftSweepSummaryRepo {
  repo: string;
  status: DriftStatus;
  /** What was done, or in a dry run what would have been done. */
  action: string;
  /** The fix pull request, when one is open. */
  pr: string | null;
  /** Key of the drift-report in the store, its sha256 and size. */
  key: string;
  sha256: string;
  size: number;
}

/**
 * The summary of one installation's sweep, stored after its reports: it names every report with
 * its digest, so an auditor sees that none is missing or was swapped, and when it is absent the
 * sweep did not finish storing its evidence.
 */
export interface DriftSweepSummary {
  kind: 'drift-sweep-summary';
  schemaVersion: '1.0';
  producer: { name: string; version: string };
  sweep: {
    startedAt: string;
    endedAt: string;
    /** The installation's account and id. */
    account: string;
    installationId: number;
    /** timer: the app's own schedule; dispatch: a repository_dispatch from the account (who sent it). */
    trigger: { type: 'timer' } | { type: 'dispatch'; repo: string; sender: string };
    dryRun: boolean;
    template: { source: string; version: string | null };
  };
  counts: Record<DriftStatus, number>;
  repos: DriftSweepSummaryRepo[];
}

/** Builds the summary; the template version is the one the reports name (null when no repository was compared). */
export function toDriftSweepSummary(sweep: DriftSweepSummary['sweep'], producer: DriftSweepSummary['producer'], repos: DriftSweepSummaryRepo[]): DriftSweepSummary {
  const counts: Record<DriftStatus, number> = { clean: 0, drift: 0, invalid: 0 };
  for (const r of repos) counts[r.status]++;
  return { kind: 'drift-sweep-summary', schemaVersion: '1.0', producer, sweep, counts, repos };
}
