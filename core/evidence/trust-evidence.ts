import type { Catalog } from '../controls/types.js';
import { parseDurationMs } from '../util/duration.js';
import type { EvidenceKind } from './kinds.js';
import type { EvidenceItem, InvalidEvidence } from './types.js';

/** Where an evidence item came from: the workflow run that uploaded its artifact. */
export interface EvidenceOrigin {
  /** The workflow file of the run (`.github/workflows/a11y.yml`), when GitHub named it. */
  workflowPath?: string;
  /** The run was on the repository's default branch (a scheduled or dispatched run): its workflow file is the reviewed one. */
  defaultBranch: boolean;
  /** The run was of the commit under evaluation (not repo-wide evidence of another commit). */
  headCommit: boolean;
  /** Written by the App itself (its drift sweep) into the write-once evidence store: no workflow produced it. */
  store?: boolean;
}

/** One evidence item with the run that produced it. */
export interface ProducedEvidence {
  item: EvidenceItem;
  origin: EvidenceOrigin;
}

/** How far back repo-wide evidence can still count: the longest `maxAge` of a repo-scoped requirement (0 when there is none). */
export function repoWideMaxAgeMs(catalog: Catalog): number {
  return Math.max(0, ...catalog.controls.flatMap((c) => c.evidence.filter((r) => r.scope === 'repo').map((r) => parseDurationMs(r.maxAge) ?? 0)));
}

/** The evidence kinds some requirement of the catalog takes from any commit of the repository (drift, drills, SLO burn). */
export function repoWideKinds(catalog: Catalog): Set<EvidenceKind> {
  return new Set(catalog.controls.flatMap((c) => c.evidence.filter((r) => r.scope === 'repo').map((r) => r.kind)));
}

/** What decides whether a producer is trusted: the PR's changed files, the catalog's repo-wide kinds, the config's producers. */
export interface TrustPolicy {
  /** The PR's changed paths; undefined when GitHub could not list them, so no head-commit producer can be shown unchanged. */
  changedFiles: readonly string[] | undefined;
  repoWide: ReadonlySet<EvidenceKind>;
  /** The workflow files allowed to produce each kind (config `producers`), and the config file that says so. */
  producers?: Partial<Record<EvidenceKind, readonly string[]>>;
  configSource?: string;
}

/**
 * Keeps the evidence a pull request cannot have forged. A report counts when the run that produced it
 * came from the default branch, or when its workflow file is one the pull request leaves unchanged,
 * and, for a kind the config names producers for, when that workflow is one of them; otherwise it
 * becomes invalid evidence (`UNTRUSTED_PRODUCER`) that names the workflow and the reason, so the
 * control it would satisfy is not met and the notes say why. Reports of other commits count only for
 * the kinds the catalog takes repo-wide; the rest of them are about another commit and are dropped.
 */
export function trustEvidence(produced: readonly ProducedEvidence[], policy: TrustPolicy): EvidenceItem[] {
  const changed = policy.changedFiles ? new Set(policy.changedFiles) : undefined;
  const out: EvidenceItem[] = [];
  for (const { item, origin } of produced) {
    const kind = item.status === 'valid' ? item.report.kind : item.kind;
    if (!origin.headCommit && (kind === undefined || !policy.repoWide.has(kind))) continue;
    const allowed = kind === undefined ? undefined : policy.producers?.[kind];
    // The App's own report in its write-once store needs no workflow to vouch for it.
    const doubt = origin.store ? undefined : ((allowed ? producerDoubt(origin, kind!, allowed, policy.configSource ?? 'the config') : undefined) ?? (origin.defaultBranch ? undefined : doubtOf(origin, changed)));
    out.push(doubt && item.status === 'valid' ? untrusted(item, doubt) : item);
  }
  return out;
}

/** Why a run is not one of the workflows the config allows to produce this kind, if it is not. */
function producerDoubt(origin: EvidenceOrigin, kind: EvidenceKind, allowed: readonly string[], source: string): string | undefined {
  const list = allowed.join(', ');
  if (!origin.workflowPath) return `GitHub did not name the workflow that produced it, and ${source} lets only ${list} produce ${kind} evidence (producers.${kind})`;
  if (!allowed.includes(origin.workflowPath)) return `produced by ${origin.workflowPath}, but ${source} lets only ${list} produce ${kind} evidence (producers.${kind})`;
  return undefined;
}

/** Why a head-commit run cannot vouch for its report, if it cannot. */
function doubtOf(origin: EvidenceOrigin, changed: ReadonlySet<string> | undefined): string | undefined {
  if (!origin.workflowPath) return 'GitHub did not name the workflow that produced it, so it cannot be shown to come from a workflow this pull request leaves unchanged; re-run the workflow';
  if (!changed) return `produced by ${origin.workflowPath}, and the pull request's changed files could not be listed, so that workflow cannot be shown unchanged`;
  if (changed.has(origin.workflowPath)) return `produced by ${origin.workflowPath}, which this pull request changes: a pull request cannot vouch for itself, so the evidence must come from a workflow it leaves unchanged (merge the workflow change first, or run it from the default branch)`;
  return undefined;
}

function untrusted(item: Extract<EvidenceItem, { status: 'valid' }>, reason: string): InvalidEvidence {
  const data = item.report.data as Record<string, unknown>;
  const dataFields = Object.fromEntries(Object.entries(data).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1])));
  return {
    status: 'invalid',
    ref: item.ref,
    kind: item.report.kind,
    subject: item.report.subject,
    createdAt: item.report.createdAt,
    dataFields,
    code: 'UNTRUSTED_PRODUCER',
    issues: [{ pointer: '', message: `untrusted: ${reason}` }],
  };
}
