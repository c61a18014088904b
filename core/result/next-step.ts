/**
 * What a reader can do about a decision that is not met, one step each: produce the evidence,
 * re-run what produced it, fix it, bring the workflows back to the template, waive the control,
 * override the gate, or reproduce the decision locally.
 */
export type NextStepKind = 'produce' | 'rerun' | 'fix' | 'fix-evidence' | 'fix-drift' | 'link' | 'waive' | 'override' | 'reproduce';

/**
 * One next step, as every output shows it (the comment, the check run, the job summary, the
 * terminal) and as the JSON result and the decision log keep it, for the portal and other tools.
 */
export interface NextStep {
  kind: NextStepKind;
  /** A short imperative phrase in plain text, for a line or a button: "re-run the slo job". */
  title: string;
  /** One sentence in plain text (not escaped): what to do and why it helps. */
  text: string;
  /** What to type, when there is one: a shell command, or a slash command for a PR comment. */
  command?: string;
  /** Where to do it, when there is one place: the workflow run to re-run. */
  url?: string;
}
