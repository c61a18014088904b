import type { EvidenceKind } from './kinds.js';

/** What a report is about: a commit of a repository, optionally a PR and a ref. */
export interface EvidenceSubject {
  /** `owner/name`. */
  repo: string;
  /** Full 40-hex commit SHA. */
  sha: string;
  pr?: number;
  ref?: string;
}

/** Who produced a report. */
export interface EvidenceProducer {
  name: string;
  version: string;
  runUrl?: string;
}

/** The common envelope of every evidence report; `data` is specific to `kind`. */
export interface EvidenceReport<D = Record<string, unknown>> {
  kind: EvidenceKind;
  schemaVersion: string;
  subject: EvidenceSubject;
  producer: EvidenceProducer;
  /** RFC 3339 time the evidence was produced. */
  createdAt: string;
  data: D;
}

/** Where a piece of evidence came from and its exact bytes' digest. */
export interface EvidenceRef {
  /** Path relative to the evidence root (CLI), or `artifact-name/entry` (app). */
  path: string;
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  size: number;
  /** A link a reader can follow (workflow artifact, PR body), when there is one. */
  url?: string;
}

/** One problem found in an evidence file, with a JSON pointer to the field. */
export interface EvidenceIssue {
  /** JSON pointer into the document, `''` for the whole document. */
  pointer: string;
  message: string;
}

/** A report that parsed and matched its kind's schema. */
export interface ValidEvidence {
  status: 'valid';
  ref: EvidenceRef;
  report: EvidenceReport;
}

/** A file that is not valid evidence; `kind` is set when the envelope named a known kind. */
export interface InvalidEvidence {
  status: 'invalid';
  ref: EvidenceRef;
  kind?: EvidenceKind;
  subject?: Partial<EvidenceSubject>;
  createdAt?: string;
  /** Top-level string, number and boolean fields of `data`, when readable: lets a requirement's `match` still select the file. */
  dataFields?: Record<string, string | number | boolean>;
  /** A stable code: JSON_SYNTAX, JSON_DUPLICATE_KEY, FILE_TOO_LARGE, SCHEMA_INVALID, INCONSISTENT, UNKNOWN_KIND, ... */
  code: string;
  issues: EvidenceIssue[];
}

/** What the engine receives for each evidence file. */
export type EvidenceItem = ValidEvidence | InvalidEvidence;
