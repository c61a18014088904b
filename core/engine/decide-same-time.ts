import type { EvidenceRef, ValidEvidence } from '../evidence/types.js';

/** Which of the newest reports decides a requirement, and what to say about the others of the same time. */
export interface SameTimeDecision {
  /** The report whose result stands: the first (by path) that fails, else the first. */
  decider: ValidEvidence;
  /** The decider's assertion failures; empty when it passes. */
  failures: string[];
  /** Every report of that time, the decider first. */
  refs: EvidenceRef[];
  /** A sentence naming each report of the same time and its result, with a trailing space; empty when there is one. */
  note: string;
}

/** Most report names one note lists. */
const MAX_NAMED = 5;

/**
 * Reports of one kind for one subject made at the same instant cannot be ordered by time, and
 * taking the first by path would let a passing file hide a failing one. So every report of the
 * newest time is judged, and the worse result wins: the first failing one decides, and the note
 * names them all. `newest` is sorted newest first, ties by path (see indexEvidence).
 */
export function decideSameTime(newest: ValidEvidence[], judge: (report: ValidEvidence) => string[], plural: string): SameTimeDecision {
  const time = Date.parse(newest[0]!.report.createdAt);
  const tied = newest.filter((e) => Date.parse(e.report.createdAt) === time);
  const judged = tied.map((report) => ({ report, failures: judge(report) }));
  const decider = judged.find((j) => j.failures.length > 0) ?? judged[0]!;
  const ordered = [decider, ...judged.filter((j) => j !== decider)];
  const refs = ordered.map((j) => j.report.ref);
  if (tied.length === 1) return { decider: decider.report, failures: decider.failures, refs, note: '' };
  const verdicts = ordered.slice(0, MAX_NAMED).map((j) => `${j.report.ref.path} ${j.failures.length > 0 ? 'fails' : 'passes'}${j === decider && j.failures.length > 0 ? ', so it decides' : ''}`);
  const more = tied.length > MAX_NAMED ? `; and ${tied.length - MAX_NAMED} more` : '';
  return { decider: decider.report, failures: decider.failures, refs, note: `${tied.length} ${plural} of the same time (${decider.report.report.createdAt}): ${verdicts.join('; ')}${more}. ` };
}
