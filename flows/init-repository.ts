import { initFiles, type InitScope } from '../core/init/init-files.js';
import { planInit, type InitResult } from '../core/init/plan-init.js';
import type { PackageFiles } from '../core/ports/package-files.js';
import type { RepositoryFiles } from '../core/ports/repository-files.js';

/** What `maestro init` was asked for. */
export interface InitOptions extends InitScope {
  /** Overwrite files that are already there. */
  force: boolean;
  /** Only say what would be written. */
  dryRun: boolean;
}

/**
 * Sets a repository up for Maestro: 1. list the files for the scope; 2. see which are already
 * there; 3. refuse, writing nothing, when any is and `force` is not given; 4. read every shipped
 * template (a broken package fails here, before any write); 5. write them all, unless a dry run.
 */
export async function initRepository(options: InitOptions, io: { repo: RepositoryFiles; package: PackageFiles }): Promise<InitResult> {
  const files = initFiles(options);
  const existing = new Set<string>();
  for (const file of files) if (await io.repo.exists(file.path)) existing.add(file.path);
  const plan = planInit(files, existing, options.force);
  if (plan.conflicts.length > 0) return { status: 'refused', ...plan };
  const texts = [];
  for (const file of plan.files) texts.push({ path: file.path, text: 'text' in file.source ? file.source.text : await io.package.read(file.source.template) });
  if (options.dryRun) return { status: 'dry-run', ...plan };
  await io.repo.writeAll(texts);
  return { status: 'written', ...plan };
}
