import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';
import { parseConfigValue } from './parse-config.js';
import type { CatalogSetting, ConfigIssue, ConfigResult, GateMode } from './types.js';

/**
 * What the owner's `.github` config decides for every repository of the owner, whether or not a
 * repository's own config extends it: the floor of the gate's mode, and the catalog.
 */
export interface OrgPolicy {
  /** `owner/.github:.github/maestro.yml`. */
  source: string;
  /** `enforce` here is a floor: no repository config may relax it to `report-only`. */
  mode?: GateMode;
  catalog?: CatalogSetting;
}

/** The keys of the org config that bind every repository; its other keys bind only the repositories that extend it. */
const POLICY_KEYS = ['mode', 'catalog'] as const;

/**
 * The org policy of the owner's `.github` config (its parsed YAML mapping, `undefined` when the
 * file does not exist). Only `mode` and `catalog` are read and checked: an org config with a bad
 * `mode` or `catalog` is an unusable policy for every repository (fail closed), naming the file.
 */
export function parseOrgPolicy(value: Record<string, unknown> | undefined, source: string, keyLines: Record<string, number> = {}): { ok: true; policy: OrgPolicy | undefined } | { ok: false; issues: ConfigIssue[] } {
  if (value === undefined) return { ok: true, policy: undefined };
  const picked = Object.fromEntries(POLICY_KEYS.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
  const parsed = parseConfigValue(picked, source, keyLines);
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((i) => ({ ...i, message: `${source}: ${i.message}` })) };
  const { mode, catalog } = parsed.config;
  return { ok: true, policy: { source, ...(mode ? { mode } : {}), ...(catalog ? { catalog } : {}) } };
}

/**
 * The repo config under the org policy: its mode is the repo's, else the org's, else `enforce`; its
 * catalog is the org's. A repository config may not relax the org's `enforce` to `report-only`, nor
 * choose a catalog of its own: either makes the config unusable (the gate concludes
 * `action_required`), naming the key, both files and the remedy, never a silent switch.
 */
export function applyOrgPolicy(result: ConfigResult, policy: OrgPolicy | undefined): ConfigResult {
  if (!result.ok) return result;
  const { config, keyLines, source } = result;
  const issues: ConfigIssue[] = [];
  const issue = (key: string, message: string): void => {
    const line = keyLines[key];
    issues.push(line === undefined ? { key, message } : { key, message, line });
  };
  const org = policy?.source ?? 'the org config (.github/maestro.yml of the owner\'s .github repository)';
  if (policy?.mode === 'enforce' && config.mode === 'report-only') {
    issue('mode', `report-only is set by ${source}, but ${org} sets mode: enforce, which a repository config may not relax; remove mode from the repository config, or ask the owner's admins to set mode: report-only in ${org}`);
  }
  if (config.catalog && canonicalJson(config.catalog) !== canonicalJson(policy?.catalog ?? null)) {
    issue('catalog', `catalog is set by ${source}, but only ${org} chooses the catalog of the owner's repositories; remove catalog from the repository config`);
  }
  if (issues.length > 0) return { ok: false, source, issues };
  const mode = config.mode ?? policy?.mode;
  const fromOrg = config.mode === undefined && policy?.mode !== undefined;
  const merged = { ...config, ...(mode ? { mode } : {}), ...(policy?.catalog ? { catalog: policy.catalog } : {}) };
  return { ...result, config: merged, digest: sha256Hex(canonicalJson(merged)), ...(fromOrg && policy ? { modeSource: policy.source } : {}) };
}
