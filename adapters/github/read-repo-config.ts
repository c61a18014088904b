import deepmerge from 'deepmerge';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import { allowedOwners, type ConfigLocation, formatLocation, parseExtends, refuseHop } from '../../core/config/extends-chain.js';
import { applyOrgPolicy, parseOrgPolicy } from '../../core/config/org-policy.js';
import { parseConfig, parseConfigValue } from '../../core/config/parse-config.js';
import type { ConfigResult, GateMode } from '../../core/config/types.js';
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
  return (await readChain(octokit, repo)).config;
}

/**
 * The repo config (as `readRepoConfig`) under its owner's org policy: the `mode` and `catalog` of
 * `<owner>/.github:.github/maestro.yml` bind every repository of the owner, whether or not its
 * config extends that file (see `applyOrgPolicy`). The org file is read once: taken from the chain
 * when the chain holds it, else asked for (the ETag cache keeps the owner's `.github` answers for
 * a few minutes, so this costs no request on most evaluations). An unreadable org file, or an
 * invalid `mode` or `catalog` in it, makes the config unusable, naming that file.
 */
export async function readGateConfig(octokit: GitHub, repo: RepoRef): Promise<ConfigResult> {
  const { config, chain, layers } = await readChain(octokit, repo);
  if (!config.ok) return config;
  const org: ConfigLocation = { owner: repo.owner, repo: '.github', path: CONFIG_PATH };
  const shown = formatLocation(org);
  let value: Record<string, unknown> | undefined;
  const inChain = chain.some((l) => sameLocation(l, org));
  try {
    value = inChain ? layers.find((l) => sameLocation(l.location, org))?.config : await readConfigFile(octokit, org);
  } catch (error) {
    if (!(error instanceof ConfigRefused) && ((error as { status?: number }).status ?? 0) >= 500) throw error;
    return { ok: false, source: shown, issues: [{ key: '', message: `the org config ${shown} could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const policy = parseOrgPolicy(value, shown);
  if (!policy.ok) return { ok: false, source: shown, issues: policy.issues };
  return applyOrgPolicy(config, policy.policy);
}

/** The merged config, the files the chain named (read or absent), and the layers read. */
async function readChain(octokit: GitHub, repo: RepoRef): Promise<{ config: ConfigResult; chain: ConfigLocation[]; layers: Layer[] }> {
  const chain: ConfigLocation[] = [];
  let layers: Layer[];
  try {
    layers = await readLayers(octokit, { owner: repo.owner, repo: repo.name, path: CONFIG_PATH }, chain);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (!(error instanceof ConfigRefused) && status !== undefined && status >= 500) throw error;
    const key = error instanceof ConfigRefused ? error.key : '';
    return { config: { ok: false, source: CONFIG_PATH, issues: [{ key, message: error instanceof Error ? error.message : String(error) }] }, chain, layers: [] };
  }
  if (layers.length === 0) return { config: parseConfig(undefined), chain, layers };
  const merged = deepmerge.all(layers.map((l) => l.config).reverse(), { arrayMerge: (_target, source) => source as unknown[] });
  return { config: parseConfigValue(merged, layers.map((l) => formatLocation(l.location)).join(' extending ') || CONFIG_PATH), chain, layers };
}

function sameLocation(a: ConfigLocation, b: ConfigLocation): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase() && a.path === b.path;
}

/** The repo's config file (or its owner's `.github` fallback) and the files it extends, nearest first. */
async function readLayers(octokit: GitHub, home: ConfigLocation, chain: ConfigLocation[]): Promise<Layer[]> {
  chain.push(home);
  let first = await readConfigFile(octokit, home);
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

/**
 * The `mode` that the repository's `.github/maestro.yml` sets at a commit (a pull request's head),
 * or undefined when the file or the key is absent or unreadable: only shown in the notes, never
 * applied, so an unreadable file is no reason to fail the evaluation.
 */
export async function readModeAt(octokit: GitHub, repo: RepoRef, sha: string): Promise<GateMode | undefined> {
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: repo.owner, repo: repo.name, path: CONFIG_PATH, ref: sha, mediaType: { format: 'raw' } });
    const data: unknown = response.data;
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer || Buffer.isBuffer(data) ? Buffer.from(data as ArrayBuffer).toString('utf8') : '';
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) return undefined;
    const parsed = parseYaml(text);
    const mode = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>).mode : undefined;
    return mode === 'enforce' || mode === 'report-only' ? mode : undefined;
  } catch (error) {
    if (((error as { status?: number }).status ?? 0) >= 500) throw error;
    return undefined;
  }
}
