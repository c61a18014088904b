/** A workflow file as read from a template or a repository: its path and text. */
export interface WorkflowFile {
  /** Path as reported, such as `.github/workflows/ci.yml`. */
  path: string;
  text: string;
}

/** The kinds of difference the drift detector reports (the drift-report schema's `changes[].type`). */
export type DriftChangeType = 'missing-job' | 'changed-action' | 'unpinned-action' | 'widened-permissions' | 'removed-step' | 'template-behind' | 'invalid-yaml' | 'missing-workflow' | 'missing-trigger' | 'narrowed-trigger' | 'missing-permissions' | 'missing-file';

/** One difference between a repository workflow and its template. */
export interface DriftChange {
  file: string;
  type: DriftChangeType;
  job?: string;
  step?: string;
  /** What the template has. */
  expected?: string;
  /** What the repository has. */
  actual?: string;
  /** One sentence saying what was found. */
  message: string;
}

/** clean: matches the template; drift: differs; invalid: a repository workflow could not be read. */
export type DriftStatus = 'clean' | 'drift' | 'invalid';

/** The result of comparing a repository's workflows with a template. */
export interface DriftResult {
  status: DriftStatus;
  /** Template job ids absent from the repository, sorted. */
  missingJobs: string[];
  template: { source: string; version: string };
  changes: DriftChange[];
}
