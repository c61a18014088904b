import { execFileSync, spawnSync } from 'node:child_process';
import { MaestroError } from '../../core/errors.js';
import type { PinnedRepository } from '../../core/release/check-pins.js';

/** Runs git in `cwd` and returns its output without the trailing newline; throws with git's message when it fails. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new MaestroError('GIT_FAILED', `git ${args.join(' ')} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`, { remedy: 'run it by hand in the repository to see why.' });
  return result.stdout.replace(/\n$/, '');
}

/** git's answer, or undefined when it fails (an object or ref that does not exist). */
function tryGit(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

/** The history of the git repository at `root`, as the pin check reads it; every answer is cached. */
export function gitRepository(root: string): PinnedRepository {
  const cache = new Map<string, string | undefined>();
  const memo = (key: string, compute: () => string | undefined) => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key);
  };
  return {
    shallow: execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, encoding: 'utf8' }).trim() === 'true',
    hasCommit: (sha) => memo(`commit ${sha}`, () => (tryGit(root, ['cat-file', '-e', `${sha}^{commit}`]) === undefined ? undefined : sha)) !== undefined,
    objectId: (commit, path) => memo(`id ${commit}:${path}`, () => tryGit(root, ['rev-parse', '--verify', '--quiet', `${commit}:${path}`])?.trim()),
    readText: (commit, path) => memo(`text ${commit}:${path}`, () => tryGit(root, ['cat-file', 'blob', `${commit}:${path}`])),
    tagCommit: (tag) => memo(`tag ${tag}`, () => tryGit(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])?.trim()),
  };
}
