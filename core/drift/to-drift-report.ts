import type { EvidenceProducer, EvidenceReport } from '../evidence/types.js';
import { truncate } from '../util/escape-markdown.js';
import type { DriftChange, DriftResult } from './types.js';

/** The schema's bound on the number of changes a report lists. */
const MAX_CHANGES = 5000;

/** What a drift report is about, beyond the comparison itself. */
export interface DriftReportContext {
  /** owner/name of the repository compared. */
  repo: string;
  /** Commit of the repository whose workflows were read. */
  sha: string;
  producer: EvidenceProducer;
  createdAt: string;
  /** The fix pull request, when one is open. */
  prUrl?: string;
  /** How to fix the drift by hand, when no fix pull request is opened. */
  fix?: string;
}

/**
 * The comparison as a `drift-report` evidence report (evidence-schemas/drift-report.v1.json).
 * Text fields are cut to the schema's bounds, so a hostile workflow cannot make the report invalid.
 */
export function toDriftReport(result: DriftResult, context: DriftReportContext): EvidenceReport {
  return {
    kind: 'drift-report',
    schemaVersion: '1.0',
    subject: { repo: context.repo, sha: context.sha },
    producer: context.producer,
    createdAt: context.createdAt,
    data: {
      repo: context.repo,
      status: result.status,
      missingJobs: result.missingJobs.filter((j) => /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/.test(j)).slice(0, 200),
      pr: context.prUrl ?? null,
      ...(context.fix && result.status === 'drift' ? { fix: truncate(context.fix, 1000) } : {}),
      template: { source: truncate(result.template.source, 500), version: truncate(result.template.version, 100) },
      changes: result.changes.slice(0, MAX_CHANGES).map(boundChange),
    },
  };
}

function boundChange(change: DriftChange): DriftChange {
  return {
    file: truncate(change.file, 500),
    type: change.type,
    ...(change.job === undefined ? {} : { job: truncate(change.job, 100) }),
    ...(change.step === undefined ? {} : { step: truncate(change.step, 500) }),
    ...(change.expected === undefined ? {} : { expected: truncate(change.expected, 2000) }),
    ...(change.actual === undefined ? {} : { actual: truncate(change.actual, 2000) }),
    message: truncate(change.message, 2000),
  };
}
