import type { EvidenceKind } from './kinds.js';
import type { EvidenceProducer, EvidenceReport, EvidenceSubject } from './types.js';

/** The envelope fields a gate does not compute itself: what the report is about, who made it, and when. */
export interface ReportContext {
  subject: EvidenceSubject;
  producer: EvidenceProducer;
  /** RFC 3339 time the evidence was produced. */
  createdAt: string;
}

/** Wraps a gate's `data` in the evidence envelope (schema version 1.0 of its kind). */
export function buildReport<D>(kind: EvidenceKind, data: D, context: ReportContext): EvidenceReport<D> {
  return { kind, schemaVersion: '1.0', subject: context.subject, producer: context.producer, createdAt: context.createdAt, data };
}
