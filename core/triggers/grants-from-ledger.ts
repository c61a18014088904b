import type { OverrideInput } from '../engine/apply-override.js';
import type { EvidenceReport } from '../evidence/types.js';
import type { AuditEvent } from '../ledger/types.js';
import type { RepoRef } from '../pr/repo-ref.js';

/** A waiver as the app recorded it in the ledger: enough to keep it and to schedule its expiry. */
export interface LedgerWaiver {
  installationId: number;
  repo: RepoRef;
  pr: number;
  /** The waiver report as granted (the engine's trusted waiver). */
  report: EvidenceReport;
  source: string;
}

/** A commit's override as the app recorded it in the ledger. */
export interface LedgerOverride {
  repo: string;
  override: OverrideInput;
}

/** What `waiver.granted` and `override.granted` events carry in `after`, besides the summary fields. */
export interface GrantDetails {
  installationId?: number;
  repoId?: number;
  report?: EvidenceReport;
  source?: string;
  override?: OverrideInput;
  /** The PR's author granted it on their own PR, which the repo config allowed (`waivers.allowSelf`, `overrides.allowSelf`). */
  selfGranted?: boolean;
}

/**
 * The waivers and overrides the ledger says were granted and that still matter at `nowMs`: waivers
 * whose last day ended less than `keepExpiredMs` ago (expired ones are still shown), overrides of
 * the last `keepOverrideMs`. This is how an app without a durable state store gets them back after a
 * restart: the ledger is where they are kept for good.
 */
export function grantsFromLedger(events: readonly AuditEvent[], nowMs: number, keepExpiredMs: number, keepOverrideMs: number): { waivers: LedgerWaiver[]; overrides: LedgerOverride[] } {
  const waivers: LedgerWaiver[] = [];
  const overrides: LedgerOverride[] = [];
  for (const event of events) {
    const after = (event.after ?? {}) as GrantDetails & { until?: string };
    if (event.action === 'waiver.granted' && after.report && after.source && after.installationId !== undefined && after.repoId !== undefined && event.number !== undefined) {
      const until = (after.report.data as { until?: string }).until ?? '';
      const endMs = Date.parse(`${until}T00:00:00Z`) + 86_400_000;
      if (Number.isNaN(endMs) || endMs + keepExpiredMs < nowMs) continue;
      const [owner = '', name = ''] = event.repo.split('/');
      waivers.push({ installationId: after.installationId, repo: { id: after.repoId, owner, name, fullName: event.repo }, pr: event.number, report: after.report, source: after.source });
    } else if (event.action === 'override.granted' && after.override && Date.parse(after.override.at) + keepOverrideMs >= nowMs) {
      overrides.push({ repo: event.repo, override: after.override });
    }
  }
  return { waivers, overrides };
}
