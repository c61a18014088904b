/**
 * A clone of this repository whose last commit is the working tree as it is now (committed or
 * not), with node_modules linked: what the release script and the tests built on it run in.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** This repository's folder. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const identity = { GIT_AUTHOR_NAME: 'Release Test', GIT_AUTHOR_EMAIL: 'release@example.test', GIT_COMMITTER_NAME: 'Release Test', GIT_COMMITTER_EMAIL: 'release@example.test' };
/** A git and npm environment that commits under a fixed test identity and reads no system config. */
export const cloneEnv: NodeJS.ProcessEnv = { ...process.env, ...identity, GIT_CONFIG_NOSYSTEM: '1', npm_config_audit: 'false', npm_config_fund: 'false' };

/** git in `cwd` with that environment; its output trimmed. */
export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: cloneEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();

/** Clones this repository into the empty folder `dir` and commits the working tree on top. */
export function cloneWorkingTree(dir: string): void {
  git(REPO_ROOT, 'clone', '--quiet', REPO_ROOT, dir);
  for (const file of git(REPO_ROOT, 'ls-files', '--cached', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean)) {
    const to = join(dir, file);
    mkdirSync(dirname(to), { recursive: true });
    try {
      copyFileSync(join(REPO_ROOT, file), to);
    } catch {
      rmSync(to, { force: true }); // deleted in the working tree
    }
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  appendFileSync(join(dir, '.git/info/exclude'), '/node_modules\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'The working tree under test');
}
