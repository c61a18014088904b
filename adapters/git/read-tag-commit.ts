import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MaestroError } from '../../core/errors.js';

const run = promisify(execFile);

/**
 * The commit a release tag points at and that commit's committer time (RFC 3339, UTC), read with
 * git from `cwd`: the bundle's time comes from the tag, so rebuilding a release gives the same bytes.
 */
export async function readTagCommit(tag: string, cwd: string): Promise<{ commit: string; createdAt: string }> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%H %ct', `${tag}^{commit}`, '--'], { cwd });
    const [commit, seconds] = stdout.trim().split(' ');
    if (!/^[0-9a-f]{40}$/.test(commit ?? '') || !/^\d+$/.test(seconds ?? '')) throw new Error(`unexpected git output '${stdout.trim()}'`);
    return { commit: commit!, createdAt: new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z') };
  } catch (cause) {
    throw new MaestroError('USAGE', `cannot read the commit of tag ${tag} with git in ${cwd}`, { remedy: 'run in a clone that has the tag (actions/checkout with fetch-depth: 0 or the tag), or pass --commit and --created-at.', cause });
  }
}
