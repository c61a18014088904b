import type { EvidenceReport } from '../evidence/types.js';

/** Whether a gate's evidence meets its thresholds: `fail` also covers fail-closed (values that could not be evaluated). */
export type GateConclusion = 'pass' | 'fail';

/** Annotation levels of a GitHub Actions step, from most to least severe. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** One line-level finding, shown on the file (when known) in the PR's diff and in the run's annotations. */
export interface GateAnnotation {
  level: AnnotationLevel;
  /** One sentence saying what was found and the bound it broke. */
  message: string;
  title?: string;
  /** Path relative to the repository root, when the finding is about a file of the repository. */
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * What a gate decided, in the form every entry point renders: the evidence report, its conclusion,
 * a headline, the Markdown for the job summary or terminal, annotations, and gate-specific outputs.
 * The CLI and the actions only move this to their own outputs.
 */
export interface GateOutcome<D = Record<string, unknown>> {
  /** Short gate name; the action uploads the report as the artifact `maestro-evidence-<gate>`. */
  gate: string;
  report: EvidenceReport<D>;
  conclusion: GateConclusion;
  /** One line, such as "2 of 5 k6 thresholds failed". */
  headline: string;
  /** The full human-readable result (GitHub-flavoured Markdown, untrusted text escaped). */
  markdown: string;
  annotations: GateAnnotation[];
  /** Gate-specific action outputs (kebab-case names), beside the common ones. */
  outputs: Record<string, string>;
}
