import type { EvidenceProducer, EvidenceReport } from '../evidence/types.js';

/** One step of a drill as the drill-report schema records it. */
export interface DrillStep {
  name: string;
  result: 'pass' | 'fail' | 'skipped';
  detail: string;
  /** An answer kept as proof, such as a store's AccessDenied. */
  response?: string;
}

/** Objectives or measurements of a drill, in the schema's fields. */
export type DrillTimings = Partial<Record<'rtoSeconds' | 'rpoSeconds' | 'ackSeconds' | 'acaScore', number>>;

/** Everything a drill-report says beyond its steps. */
export interface DrillRun {
  drill: 'restore' | 'worm' | 'incident';
  subject: { repo: string; sha: string };
  producer: EvidenceProducer;
  startedAt: Date;
  finishedAt: Date;
  targets?: DrillTimings;
  measured?: DrillTimings;
  store?: string;
  issue?: string;
}

/** The drill-report evidence of a drill: it passed only when no step failed. */
export function toDrillReport(run: DrillRun, steps: DrillStep[]): EvidenceReport {
  return {
    kind: 'drill-report',
    schemaVersion: '1.0',
    subject: run.subject,
    producer: run.producer,
    createdAt: run.finishedAt.toISOString(),
    data: {
      drill: run.drill,
      status: steps.every((s) => s.result !== 'fail') ? 'pass' : 'fail',
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt.toISOString(),
      durationSeconds: (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000,
      targets: run.targets ?? {},
      measured: run.measured ?? {},
      ...(run.store ? { store: run.store } : {}),
      steps,
      ...(run.issue ? { issue: run.issue } : {}),
    },
  };
}
