import type { EvidenceKind } from './kinds.js';
import type { EvidenceProducer, EvidenceReport, EvidenceSubject } from './types.js';

/** What every report a gate writes shares: what it is about, who made it and when. */
export interface ReportContext {
  subject: EvidenceSubject;
  producer: EvidenceProducer;
  /** RFC 3339. */
  createdAt: string;
}

/** Wraps a gate's `data` in the evidence envelope (schema version 1.0 of its kind). */
export function buildEvidenceReport<D>(kind: EvidenceKind, data: D, context: ReportContext): EvidenceReport<D> {
  const subject: EvidenceSubject = { repo: context.subject.repo, sha: context.subject.sha };
  if (context.subject.pr !== undefined) subject.pr = context.subject.pr;
  if (context.subject.ref !== undefined) subject.ref = context.subject.ref;
  return { kind, schemaVersion: '1.0', subject, producer: context.producer, createdAt: context.createdAt, data };
}
