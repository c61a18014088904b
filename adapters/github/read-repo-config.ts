import deepmerge from 'deepmerge';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import { allowedOwners, type ConfigLocation, formatLocation, parseExtends, refuseHop } from '../../core/config/extends-chain.js';
import { parseConfig, parseConfigValue } from '../../core/config/parse-config.js';
import type { ConfigResult } from '../../core/config/types.js';
import { CONFIG_PATH } from '../../core/render/render-check-output.js';
import { formatBytes } from '../../core/util/format-bytes.js';
import { parseYaml } from '../../core/util/parse-yaml.js';
import type { GitHub } from './github.js';

/** Largest config file parsed; real ones are a few KB. */
export const MAX_CONFIG_BYTES = 512 * 1024;

/** A config file that was read: where, and its mapping (without `_extends`). */
interface Layer {
  location: ConfigLocation;
  config: Record<string, unknown>;
}

/** A config that cannot be used, with the reason (the gate reports `action_required`). */
class ConfigRefused extends Error {
  constructor(message: string, readonly key = '') {
    super(message);
  }
}

/**
 * The repo's `.github/maestro.yml` from its default branch, merged over the layers it `_extends`
 * (such as the org's `.github` repo; absent in the repo, the org's file applies), as Probot's
 * config plugin reads them. Later layers are overridden key by key; lists are replaced, not
 * concatenated. `_extends` is followed at most `MAX_EXTENDS_HOPS` times, only to repositories of
 * the same owner unless a layer of that owner lists another in `extendsAllowedOwners`, and never
 * round a loop: each is refused before its request, naming the chain. No file anywhere: the
 * defaults. A file that cannot be read or parsed, or does not match the schema, is an unusable
 * config (the gate reports `action_required` naming the key).
 */
export async function readRepoConfig(octokit: GitHub, repo: RepoRef): Promise<ConfigResult> {
  let layers: Layer[];
  try {
    layers = await readLayers(octokit, { owner: repo.owner, repo: repo.name, path: CONFIG_PATH });
  } catch (error) {
    if (error instanceof ConfigRefused) return { ok: false, source: CONFIG_PATH, issues: [{ key: error.key, message: error.message }] };
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 500) throw error;
    return { ok: false, source: CONFIG_PATH, issues: [{ key: '', message: error instanceof Error ? error.message : String(error) }] };
  }
  if (layers.length === 0) return parseConfig(undefined);
  const merged = deepmerge.all(layers.map((l) => l.config).reverse(), { arrayMerge: (_target, source) => source as unknown[] });
  return parseConfigValue(merged, layers.map((l) => formatLocation(l.location)).join(' extending ') || CONFIG_PATH);
}

/** The repo's config file (or its owner's `.github` fallback) and the files it extends, nearest first. */
async function readLayers(octokit: GitHub, home: ConfigLocation): Promise<Layer[]> {
  let first = await readConfigFile(octokit, home);
  const chain: ConfigLocation[] = [home];
  if (first === undefined && home.repo !== '.github') {
    const fallback = { ...home, repo: '.github' };
    chain.push(fallback);
    first = await readConfigFile(octokit, fallback);
  }
  if (first === undefined) return [];
  const layers: Layer[] = [{ location: chain[chain.length - 1]!, config: first }];
  for (let hops = 0; ; hops++) {
    const last = layers[layers.length - 1]!;
    const value = last.config._extends;
    delete last.config._extends;
    if (value === undefined || value === null) return layers;
    const next = parseExtends(value, home, last.location);
    if (!next.ok) throw new ConfigRefused(next.message, '_extends');
    const refused = refuseHop(chain, hops, next.location, allowedOwners(home, layers));
    if (refused) throw new ConfigRefused(refused, '_extends');
    chain.push(next.location);
    const config = await readConfigFile(octokit, next.location);
    // As Probot's plugin: an extended file that does not exist adds nothing.
    if (config === undefined) return layers;
    layers.push({ location: next.location, config });
  }
}

/** One config file from the repository's default branch, parsed; undefined when it does not exist. */
async function readConfigFile(octokit: GitHub, location: ConfigLocation): Promise<Record<string, unknown> | undefined> {
  const shown = formatLocation(location);
  let response;
  try {
    response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: location.owner, repo: location.repo, path: location.path, mediaType: { format: 'raw' } });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  if (String(response.headers['content-type'] ?? '').startsWith('application/json')) throw new ConfigRefused(`${shown} is a folder or a submodule, not a file`);
  const data: unknown = response.data;
  // Octokit gives text for text/* answers, and bytes for other media types (application/vnd.github.raw).
  const text = typeof data === 'string' ? data : data instanceof ArrayBuffer || Buffer.isBuffer(data) ? Buffer.from(data as ArrayBuffer).toString('utf8') : undefined;
  if (text === undefined) throw new ConfigRefused(`${shown} could not be read as text`);
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw new ConfigRefused(`${shown} is ${Buffer.byteLength(text)} bytes, more than the limit of ${formatBytes(MAX_CONFIG_BYTES)} for a config file; it was not parsed`);
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new ConfigRefused(`${shown} is not valid YAML: ${parsed.message}${parsed.line ? ` (line ${parsed.line})` : ''}`);
  if (parsed.value === null || parsed.value === undefined) return {};
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) throw new ConfigRefused(`${shown} is not a mapping of keys`);
  return parsed.value as Record<string, unknown>;
}
