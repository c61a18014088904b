import { execFileSync } from 'node:child_process';

/** What a git checkout says about itself, read only when asked; `undefined` when git cannot say. */
export interface Checkout {
  /** The URL of the `origin` remote. */
  originUrl(): string | undefined;
  /** The full SHA of the commit checked out (HEAD). */
  headCommit(): string | undefined;
}

/**
 * The checkout `cwd` lies in, read with the `git` command. A folder that is not a checkout, a
 * checkout without `origin` or without a commit, and a machine without git all give `undefined`:
 * the caller says which option to pass instead.
 */
export function gitCheckout(cwd: string): Checkout {
  return {
    originUrl: () => git(cwd, ['remote', 'get-url', 'origin']),
    headCommit: () => {
      const sha = git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
      return sha && /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
    },
  };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, maxBuffer: 1024 * 1024 });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}
