import type { EvidenceReport } from '../evidence/types.js';

/** The gates whose actions and CLI commands produce a `GateOutcome`; the action uploads the report as `maestro-evidence-<gate>`. */
export type GateName = 'a11y' | 'k6' | 'slo' | 'schema-diff' | 'sbom-diff' | 'attestation';

/**
 * Whether a gate's evidence meets its thresholds: `fail` also covers fail-closed (values that could
 * not be evaluated). Not a check-run conclusion: that word belongs to the engine (core/engine/types.ts).
 */
export type GateVerdict = 'pass' | 'fail';

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
 * What a gate decided, in the form every entry point renders: the evidence report, its verdict,
 * a headline, the Markdown for the job summary or terminal, annotations, and gate-specific outputs.
 * Made by `buildGateOutcome` (core/result/build-gate-outcome.ts) only; the CLI and the actions
 * only move it to their own outputs (the action output `conclusion` carries the verdict).
 */
export interface GateOutcome<D = Record<string, unknown>> {
  gate: GateName;
  report: EvidenceReport<D>;
  verdict: GateVerdict;
  /** One line, such as "2 of 5 k6 thresholds failed" (plain text, not escaped). */
  headline: string;
  /** The full human-readable result (GitHub-flavoured Markdown, untrusted text escaped), framed by `renderGateOutcome`. */
  markdown: string;
  annotations: GateAnnotation[];
  /** Gate-specific action outputs (kebab-case names), beside the common ones. */
  outputs: Record<string, string>;
}
