/** An annotation on a line of a file, as a check run or workflow command shows it. */
export interface GateAnnotation {
  path: string;
  line?: number;
  level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

/** What a gate decided: its report data, whether it passed, one sentence saying why, and annotations. */
export interface GateOutcome<D> {
  data: D;
  passed: boolean;
  headline: string;
  annotations: GateAnnotation[];
}
