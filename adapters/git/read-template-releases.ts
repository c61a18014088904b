import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { ReleaseLookup, TemplateHistory } from '../../core/drift/template-releases.js';
import { compareVersions } from '../../core/drift/template-version.js';

const run = promisify(execFile);
const FULL_SHA = /^[0-9a-f]{40}$/;
const RELEASE = /^\d+\.\d+\.\d+$/;
/** package.json is a few kilobytes; anything far larger is not the file looked for. */
const MAX_PACKAGE_JSON = 1024 * 1024;

/**
 * The releases of the template repository, read with git from the checkout the template path lies
 * in: a commit's release is the newest tag vX.Y.Z on it, else the version of its package.json (a
 * clone made without tags still knows its releases). Each commit is asked about once. A folder
 * that is not a git checkout, or a machine without git, knows no release (history `none`).
 */
export function gitReleaseLookup(templatePath: string): ReleaseLookup {
  const cache = new Map<string, Promise<string | undefined>>();
  let cwd: Promise<string> | undefined;
  const folder = () => (cwd ??= stat(templatePath).then((s) => (s.isDirectory() ? templatePath : dirname(templatePath)), () => dirname(templatePath)));
  const git = async (args: string[], maxBuffer = 64 * 1024): Promise<string | undefined> => {
    try {
      return (await run('git', args, { cwd: await folder(), encoding: 'utf8', maxBuffer, timeout: 20_000 })).stdout.trim();
    } catch {
      return undefined;
    }
  };
  return {
    history: async (): Promise<TemplateHistory> => {
      const shallow = await git(['rev-parse', '--is-shallow-repository']);
      return shallow === 'true' ? 'shallow' : shallow === 'false' ? 'full' : 'none';
    },
    releaseOf: (sha) => {
      if (!FULL_SHA.test(sha)) return Promise.resolve(undefined);
      let found = cache.get(sha);
      if (!found) {
        found = releaseOf(sha, git);
        cache.set(sha, found);
      }
      return found;
    },
  };
}

async function releaseOf(sha: string, git: (args: string[], maxBuffer?: number) => Promise<string | undefined>): Promise<string | undefined> {
  if ((await git(['cat-file', '-t', sha])) !== 'commit') return undefined;
  const tags = (await git(['tag', '--points-at', sha, '--list', 'v*']))?.split('\n').map((t) => t.slice(1)).filter((v) => RELEASE.test(v)) ?? [];
  if (tags.length > 0) return tags.sort(compareVersions).at(-1);
  const text = await git(['cat-file', 'blob', `${sha}:package.json`], MAX_PACKAGE_JSON);
  try {
    const version = (JSON.parse(text ?? 'null') as { version?: unknown } | null)?.version;
    return typeof version === 'string' && RELEASE.test(version) ? version : undefined;
  } catch {
    return undefined;
  }
}
