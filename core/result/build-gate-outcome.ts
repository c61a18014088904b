import { buildReport, type ReportContext } from '../evidence/build-report.js';
import type { EvidenceKind } from '../evidence/kinds.js';
import { renderGateOutcome, type GateBody } from '../render/render-gate-outcome.js';
import type { GateAnnotation, GateName, GateOutcome } from './gate-outcome.js';

/** What a gate decided and how its body renders: everything `buildGateOutcome` turns into a `GateOutcome`. */
export interface GateOutcomeInput<D> {
  gate: GateName;
  /** The evidence kind of the report, such as `k6-summary` for the k6 gate. */
  kind: EvidenceKind;
  /** The report's data, wrapped in the evidence envelope with `context`. */
  data: D;
  context: ReportContext;
  /** False also when values could not be evaluated: gates fail closed. */
  passed: boolean;
  /** One line in plain text; escaped where it is shown as Markdown. */
  headline: string;
  /** The gate's Markdown below the heading (core/render/gates/). */
  body: GateBody;
  annotations: GateAnnotation[];
  /** Gate-specific action outputs (kebab-case names). */
  outputs: Record<string, string>;
}

/** The one way a gate's outcome is made: the report, the verdict, and the Markdown in the frame every gate shares. */
export function buildGateOutcome<D>(input: GateOutcomeInput<D>): GateOutcome<D> {
  const verdict = input.passed ? 'pass' : 'fail';
  return {
    gate: input.gate,
    report: buildReport(input.kind, input.data, input.context),
    verdict,
    headline: input.headline,
    markdown: renderGateOutcome({ gate: input.gate, verdict, headline: input.headline, ...input.body }),
    annotations: input.annotations,
    outputs: input.outputs,
  };
}
