import type { ReportContext } from '../../evidence/build-report.js';
import { renderSchemaDiffOutcome } from '../../render/gates/render-schema-diff-outcome.js';
import { buildGateOutcome } from '../../result/build-gate-outcome.js';
import type { AnnotationLevel, GateAnnotation, GateOutcome } from '../../result/gate-outcome.js';
import type { SchemaDiff } from './diff-graphql-schemas.js';
import type { Criticality, PersistedQueryCheck, SchemaDiffData, SchemaSource } from './types.js';

/** The default label that accepts breaking changes, as graphql-inspector's app named it. */
export const DEFAULT_APPROVAL_LABEL = 'approved-breaking-change';

/** What the schema-diff gate decides on. */
export interface SchemaDiffInput {
  old: SchemaSource;
  new: SchemaSource;
  diff: SchemaDiff;
  persistedQueries?: PersistedQueryCheck;
  /** The new schema's file in the repository, for annotations (absent when it is not a file of the repo). */
  annotatePath?: string;
  /** The PR's labels. */
  labels: string[];
  approvalLabel: string;
  /** Who applied the approval label, when known. */
  approvedBy?: string;
}

const LEVEL: Record<Criticality, AnnotationLevel> = { breaking: 'error', dangerous: 'warning', safe: 'notice' };

/**
 * The gate: it fails on breaking changes and on persisted operations the new schema breaks,
 * unless the PR carries the approval label; an approval that accepted something is recorded in
 * the report and the headline, never silent.
 */
export function evaluateSchemaDiff(input: SchemaDiffInput, context: ReportContext): GateOutcome<SchemaDiffData> {
  const counts: Record<Criticality, number> = { breaking: 0, dangerous: 0, safe: 0 };
  for (const change of input.diff.changes) counts[change.criticality]++;
  const broken = input.persistedQueries?.broken.length ?? 0;
  const blocking = counts.breaking > 0 || broken > 0;
  const approved = blocking && input.labels.includes(input.approvalLabel);
  const data: SchemaDiffData = {
    old: input.old,
    new: input.new,
    counts,
    changes: input.diff.changes,
    deprecations: input.diff.deprecations,
    ...(approved ? { approval: input.approvedBy ? { label: input.approvalLabel, appliedBy: input.approvedBy } : { label: input.approvalLabel } } : {}),
    ...(input.persistedQueries ? { persistedQueries: input.persistedQueries } : {}),
  };
  const found = [plural(counts.breaking, 'breaking change'), ...(broken > 0 ? [plural(broken, 'persisted operation') + ' broken'] : [])].join(' and ');
  const tally = `${counts.breaking} breaking, ${counts.dangerous} dangerous, ${counts.safe} safe`;
  const headline = !blocking
    ? `No breaking changes (${tally}).`
    : approved
      ? `${found} accepted by the label "${input.approvalLabel}"${input.approvedBy ? ` applied by @${input.approvedBy}` : ''} (${tally}).`
      : `${found}: add the label "${input.approvalLabel}" to accept them, or keep the schema compatible (${tally}).`;
  const annotations: GateAnnotation[] = input.diff.changes
    .filter((c) => c.criticality !== 'safe')
    .map((c) => ({
      level: approved && c.criticality === 'breaking' ? 'warning' : LEVEL[c.criticality],
      title: `${c.criticality} schema change: ${c.type}`,
      message: c.reason ? `${c.message}\n${c.reason}` : c.message,
      ...(input.annotatePath && c.line !== undefined ? { file: input.annotatePath, startLine: c.line } : {}),
    }));
  return buildGateOutcome({
    gate: 'schema-diff',
    kind: 'schema-diff',
    data,
    context,
    passed: !blocking || approved,
    headline,
    body: renderSchemaDiffOutcome(data),
    annotations,
    outputs: { breaking: String(counts.breaking), dangerous: String(counts.dangerous), safe: String(counts.safe), 'broken-operations': String(broken), approved: String(approved) },
  });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
