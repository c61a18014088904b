import type { GateAnnotation } from '../../core/result/gate-outcome.js';

/** What an artifact upload returns. */
export interface UploadedArtifact {
  id?: number;
  size?: number;
}

/**
 * The runner I/O of a gate action, one method per effect, so `run` is tested with a fake and runs
 * with `@actions/core` and `@actions/artifact` in production (`createRunnerIo`).
 */
export interface GateActionIo {
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  annotate(annotation: GateAnnotation): void;
  /** Uploads `files` (absolute paths under `rootDirectory`) as one workflow artifact. */
  uploadArtifact(name: string, files: string[], rootDirectory: string, retentionDays?: number): Promise<UploadedArtifact>;
  setFailed(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}
