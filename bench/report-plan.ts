/**
 * The plan of the benchmark's evidence set: how many reports of each kind, how large, and when
 * (the scenario's fixed `now`); and what the plan asks of one report.
 */
import type { EvidenceKind } from '../core/evidence/kinds.js';
import { SCENARIO } from './lib.js';
import type { Rng } from './report-vocabulary.js';

/** A JSON object of a report. */
export type Json = Record<string, unknown>;

/** How many files of each kind, and how many bytes they share. 200 files, 20.0 MB. */
export const PLAN: ReadonlyArray<{ kind: EvidenceKind; files: number; bytes: number }> = [
  { kind: 'a11y', files: 24, bytes: 4_000_000 },
  { kind: 'sbom-diff', files: 24, bytes: 4_000_000 },
  { kind: 'k6-summary', files: 24, bytes: 3_000_000 },
  { kind: 'schema-diff', files: 24, bytes: 3_000_000 },
  { kind: 'attestation-verification', files: 20, bytes: 1_600_000 },
  { kind: 'evidence-manifest', files: 20, bytes: 1_600_000 },
  { kind: 'policy-test', files: 24, bytes: 1_600_000 },
  { kind: 'slo-burn', files: 16, bytes: 600_000 },
  { kind: 'drift-report', files: 12, bytes: 300_000 },
  { kind: 'drill-report', files: 12, bytes: 300_000 },
];

/** The scenario's evaluation time, in milliseconds. */
export const NOW_MS = Date.parse(SCENARIO.now);
/** An ISO date-time to the second, without milliseconds. */
export const iso = (msValue: number): string => new Date(Math.round(msValue / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * One report to build. `primary` is the newest report of its kind: it meets the catalog's
 * assertions where one report can; the others are older runs of the same commit.
 */
export interface BuildContext {
  rng: Rng;
  index: number;
  primary: boolean;
  createdAt: string;
  /** Bytes the report should roughly take. */
  target: number;
}

/** Builds the `data` of one report of a kind. */
export type ReportBuilder = (ctx: BuildContext) => Json;
