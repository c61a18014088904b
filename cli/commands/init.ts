import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../core/config/default-config.js';
import { MaestroError } from '../../core/errors.js';
import { renderInitResult } from '../../core/init/render-init-result.js';
import { initRepository } from '../../flows/init-repository.js';
import { fsPackageFiles } from '../../adapters/fs/fs-package-files.js';
import { fsRepositoryFiles } from '../../adapters/fs/fs-repository-files.js';
import { printOut } from '../../adapters/fs/write-output.js';

/** Options of `maestro init`, as the command line gives them. */
export interface InitCommandOptions {
  dir?: string;
  force?: boolean;
  dryRun?: boolean;
  org?: boolean;
}

/** `maestro init`: write the starter config, the caller workflows and the PR template into a repository. Exit 0 written, 1 refused (files exist), 2 bad input. */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const dir = resolve(options.dir ?? '.');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new MaestroError('FILE_NOT_FOUND', `${options.dir ?? dir} is not a folder`, { file: dir, remedy: 'pass --dir with the folder of the repository (its root, where .git is).' });
  const org = options.org === true;
  const result = await initRepository({ org, force: options.force === true, dryRun: options.dryRun === true }, { repo: fsRepositoryFiles(dir), package: fsPackageFiles() });
  const text = renderInitResult(result, { dir, org, checkName: DEFAULT_CONFIG.checkName });
  if (result.status === 'refused') {
    process.stderr.write(text);
    return 1;
  }
  await printOut(text);
  return 0;
}
