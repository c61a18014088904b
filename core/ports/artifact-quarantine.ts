import type { QuarantineMode } from '../gates/attestation/types.js';

/**
 * Sets unverified artifacts aside so that a later publish step cannot ship them (adapters/fs
 * implements it over the file system).
 */
export interface ArtifactQuarantine {
  /**
   * `rename` adds `.quarantined` to each name, `move` moves each artifact into `dir` (created when
   * missing; a relative `dir` is taken from the current directory), `none` leaves them. Never
   * overwrites: a taken name gets `.1`, `.2`, ... Returns where each artifact is now; an artifact
   * that cannot be moved is a MaestroError saying not to publish it.
   */
  setAside(paths: string[], mode: QuarantineMode, dir: string): Promise<string[]>;
}
