import type { InitFile } from './init-files.js';

/** One file of the plan: the file, and whether something is already at its path. */
export interface PlannedFile extends InitFile {
  exists: boolean;
}

/** What `maestro init` will do: every file, and the paths it refuses to overwrite. */
export interface InitPlan {
  files: PlannedFile[];
  /** Paths already taken and not to be overwritten (without --force): when any, nothing is written. */
  conflicts: string[];
}

/**
 * Decides what to write from the files and the paths already present in the repository. Every
 * target is checked before anything is written: one taken path (without `force`) refuses them all.
 */
export function planInit(files: InitFile[], existing: ReadonlySet<string>, force: boolean): InitPlan {
  const planned = files.map((file) => ({ ...file, exists: existing.has(file.path) }));
  return { files: planned, conflicts: force ? [] : planned.filter((f) => f.exists).map((f) => f.path) };
}

/** What `maestro init` did: wrote every file, would write them (dry run), or refused because some exist. */
export interface InitResult extends InitPlan {
  status: 'written' | 'dry-run' | 'refused';
}
