import type { AppIdentity } from '../core/triggers/types.js';
import type { Catalog } from '../core/controls/types.js';
import type { AssertionRegistry } from '../core/engine/check-assertion.js';
import type { GateResult } from '../core/engine/types.js';
import type { AuditLedger } from '../core/ledger/types.js';
import type { StateStore } from '../core/ports/state-store.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { ArtifactCache, EvidenceLimits } from '../adapters/github/collect-evidence.js';
import type { OrgCatalogCache } from '../adapters/github/read-org-catalog.js';
import type { ConfigIssue } from '../core/config/types.js';
import type { DecisionLogStore } from './decision-log-store.js';

/** What an evaluation needs besides GitHub. */
export interface EvaluationContext {
  self: AppIdentity;
  store: StateStore;
  /** The catalog that judges the repository: the shipped one, or the org's combined with it (see `withCatalog`). */
  catalog: Catalog;
  assertions: AssertionRegistry;
  /** Org catalogs read, by owner and commit. */
  orgCatalogs?: OrgCatalogCache;
  /** Why the org's catalog cannot be used: the gate concludes `action_required` with these. */
  catalogIssues?: ConfigIssue[];
  artifacts: ArtifactCache;
  limits: EvidenceLimits;
  producer: { name: string; version: string };
  now: () => Date;
  /** Where decision changes are recorded. */
  ledger: AuditLedger;
  /** The evidence store the App's drift sweep writes to, when configured: its drift-reports are repo-wide evidence. */
  evidenceStore?: EvidenceStore;
  /** Where each evaluated PR's decision log is kept write-once (DECISION_LOG_STORE), when configured. */
  decisionLogs?: DecisionLogStore;
}

/** What one queued evaluation did, for logs, metrics and tests. */
export type EvaluationOutcome =
  | { status: 'no-pull-request'; sha: string }
  | { status: 'waiting'; sha: string; pending: string[] }
  | { status: 'evaluated'; sha: string; results: Array<{ pull: number; conclusion: GateResult['conclusion']; counts: GateResult['counts']; comment: string; decisionLog?: 'written' | 'stored' | 'error' }> };
