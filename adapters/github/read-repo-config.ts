import deepmerge from 'deepmerge';
import type { RepoRef } from '../../core/triggers/triggers.js';
import { parseConfig, parseConfigValue } from '../../core/config/parse-config.js';
import type { ConfigResult } from '../../core/config/types.js';
import { CONFIG_PATH } from '../../core/render/render-check-output.js';
import { type GitHub, repoParams } from './github.js';

/**
 * The repo's `.github/maestro.yml` from its default branch, merged over the layers it `_extends`
 * (such as the org's `.github` repo; absent in the repo, the org's file applies), with Probot's
 * config plugin. Later layers are overridden key by key; lists are replaced, not concatenated.
 * No file anywhere: the defaults. A file that cannot be read or parsed, or does not match the
 * schema, is an unusable config (the gate reports `action_required` naming the key).
 */
export async function readRepoConfig(octokit: GitHub, repo: RepoRef): Promise<ConfigResult> {
  let layers: Array<Record<string, unknown>>;
  let sources: string[];
  try {
    const { files } = await octokit.config.get({ ...repoParams(repo), path: CONFIG_PATH });
    const found = files.filter((f) => f.config);
    layers = found.map((f) => f.config as Record<string, unknown>).reverse();
    sources = found.map((f) => `${f.owner}/${f.repo}:${f.path}`);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, '') : String(error);
    if ((error as { status?: number }).status !== undefined && (error as { status: number }).status >= 500) throw error;
    return { ok: false, source: CONFIG_PATH, issues: [{ key: '', message }] };
  }
  if (layers.length === 0) return parseConfig(undefined);
  const merged = deepmerge.all(layers, { arrayMerge: (_target, source) => source as unknown[] });
  return parseConfigValue(merged, sources.join(' extending ') || CONFIG_PATH);
}
