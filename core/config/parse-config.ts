import { validateConfig, configSchema } from '../generated/validators.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';
import { parseYaml } from '../util/parse-yaml.js';
import { getAtPointer } from '../util/json-pointer.js';
import { DEFAULT_CONFIG } from './default-config.js';
import { suggest } from './suggest.js';
import type { ConfigIssue, ConfigResult, MaestroConfig } from './types.js';

/**
 * Parses `.github/maestro.yml`. No text means no file: the defaults apply. A file that does not
 * parse or does not match the schema gives every problem with its key and line, never defaults.
 */
export function parseConfig(text: string | undefined, source = '.github/maestro.yml'): ConfigResult {
  if (text === undefined) return withDigest(DEFAULT_CONFIG, source, {});
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, source, issues: [{ key: '', message: `not valid YAML: ${parsed.message}`, ...(parsed.line ? { line: parsed.line } : {}) }] };
  return parseConfigValue(parsed.value ?? {}, source, parsed.keyLines);
}

/**
 * Checks an already parsed config (the app reads the file, and merges `_extends` layers, with
 * Probot's config plugin). `keyLines` maps dotted keys to lines, when the text is known.
 */
export function parseConfigValue(value: unknown, source: string, keyLines: Record<string, number> = {}): ConfigResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, source, issues: [{ key: '', message: 'the config must be a mapping of keys (version, checkName, mode, comment, controls, thresholds, waivers, overrides, commands)' }] };
  if (!validateConfig(value)) {
    const issues: ConfigIssue[] = toSchemaIssues(validateConfig.errors ?? [], value).map((issue) => {
      const key = pointerToKey(issue.pointer);
      const line = keyLines[key];
      return { key, message: withSuggestion(issue.message, issue.pointer), ...(line ? { line } : {}) };
    });
    return { ok: false, source, issues };
  }
  return withDigest(merge(value as Partial<MaestroConfig>), source, keyLines);
}

function withDigest(config: MaestroConfig, source: string, keyLines: Record<string, number>): ConfigResult {
  return { ok: true, config, source, digest: sha256Hex(canonicalJson(config)), keyLines };
}

/** Fills every absent key from the defaults (one level into each section). */
function merge(partial: Partial<MaestroConfig>): MaestroConfig {
  const d = DEFAULT_CONFIG;
  return {
    version: 1,
    checkName: partial.checkName ?? d.checkName,
    // Absent unless set: the org config's mode (or enforce) applies, and configs without it keep their digest.
    ...(partial.mode ? { mode: partial.mode } : {}),
    ...(partial.catalog ? { catalog: { source: partial.catalog.source ?? 'shipped', mode: partial.catalog.mode ?? 'extend' } } : {}),
    comment: { ...d.comment, ...partial.comment },
    controls: { ...d.controls, ...partial.controls },
    thresholds: { ...partial.thresholds },
    waivers: { maxDays: partial.waivers?.maxDays ?? d.waivers.maxDays, approvers: { ...d.waivers.approvers, ...partial.waivers?.approvers }, allowSelf: partial.waivers?.allowSelf ?? d.waivers.allowSelf },
    overrides: { approvers: { ...d.overrides.approvers, ...partial.overrides?.approvers }, allowSelf: partial.overrides?.allowSelf ?? d.overrides.allowSelf },
    producers: { ...partial.producers },
    commands: { ...d.commands, ...partial.commands },
  };
}

/** `/controls/exclude/0` -> `controls.exclude[0]`, matching the YAML key paths. */
function pointerToKey(pointer: string): string {
  let key = '';
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    key += /^(0|[1-9][0-9]*)$/.test(token) ? `[${token}]` : key ? `.${token}` : token;
  }
  return key;
}

/** Adds "did you mean" to unknown keys, from the schema's known keys at that place. */
function withSuggestion(message: string, pointer: string): string {
  const match = /^unknown field "(.+)"$/.exec(message);
  if (!match?.[1]) return message;
  const parent = pointer.split('/').slice(1, -1);
  let schema: unknown = configSchema;
  for (const token of parent) schema = /^[0-9]+$/.test(token) ? getAtPointer(schema, '/items') : getAtPointer(schema, `/properties/${token}`) ?? getAtPointer(schema, '/additionalProperties');
  const known = Object.keys((getAtPointer(schema, '/properties') as Record<string, unknown> | undefined) ?? {});
  const guess = suggest(match[1], known);
  const list = known.length > 0 ? `; known keys here: ${known.join(', ')}` : '';
  return guess ? `unknown key "${match[1]}" (did you mean "${guess}"?)${list}` : `unknown key "${match[1]}"${list}`;
}
