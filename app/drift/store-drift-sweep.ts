import { driftReportKey, driftSummaryKey } from '../../core/drift/drift-evidence-keys.js';
import { toDriftSweepSummary, type DriftSweepSummary, type DriftSweepSummaryRepo } from '../../core/drift/to-drift-sweep-summary.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import { putJson } from '../../adapters/store/put-json.js';
import type { RepoSweepResult } from './sweep-drift.js';

/** What was stored: the summary's key and the number of reports. */
export interface StoredDriftSweep {
  summaryKey: string;
  reports: number;
}

/**
 * Stores one installation's sweep in the evidence store, write-once: every drift-report under
 * `drift/<time>/<owner>/<repo>.json`, then the summary naming each with its digest. The summary
 * comes last, so its presence says the sweep's evidence is complete.
 */
export async function storeDriftSweep(
  store: EvidenceStore,
  sweep: Omit<DriftSweepSummary['sweep'], 'template'> & { templateSource: string },
  producer: DriftSweepSummary['producer'],
  results: RepoSweepResult[],
): Promise<StoredDriftSweep> {
  const repos: DriftSweepSummaryRepo[] = [];
  for (const r of results) {
    if (!r.report) continue;
    const key = driftReportKey(sweep.startedAt, r.repo);
    const stored = await putJson(store, key, r.report);
    repos.push({ repo: r.repo, status: r.status, action: r.action, pr: r.pullUrl ?? null, key, sha256: stored.sha256, size: stored.size });
  }
  const { templateSource, ...rest } = sweep;
  const version = results[0]?.result.template.version ?? null;
  const summaryKey = driftSummaryKey(sweep.startedAt, sweep.account);
  await putJson(store, summaryKey, toDriftSweepSummary({ ...rest, template: { source: templateSource, version } }, producer, repos));
  return { summaryKey, reports: repos.length };
}
