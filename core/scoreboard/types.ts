/** A merged pull request and the gate result it merged with. */
export interface MergedPull {
  repo: string;
  number: number;
  mergedAt: string;
  /** null: no gate result was recorded. */
  gate: {
    conclusion: 'success' | 'neutral' | 'failure' | 'action_required';
    overridden?: boolean;
    waived?: string[];
    /** Decided in report-only mode; with `failure`, the gate would have blocked in enforce mode. */
    reportOnly?: boolean;
  } | null;
}

/** The evidence score of one repository, or of all of them. */
export interface Score {
  /** owner/name, or the roll-up's label. */
  repo: string;
  /** Pull requests merged in the window. */
  merged: number;
  /** Merged with the gate passing (or nothing applying), without override. */
  passed: number;
  /** Of the passed, those that needed a waiver. */
  passedWithWaivers: number;
  /** Merged by overriding the gate. */
  overridden: number;
  /** Merged while the gate failed or the repo config was invalid, without override. */
  failed: number;
  /** Merged with no gate result. */
  missing: number;
  /** passed / merged; null when nothing merged. */
  share: number | null;
}

/** Scores over a time window: every repository and the roll-up. */
export interface Scoreboard {
  window: { from: string; to: string; days: number };
  org: Score;
  /** Worst share first, then by name; repositories with no merge last. */
  repos: Score[];
}
