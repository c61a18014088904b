import type { SchemaIssue } from '../evidence/schema-issues.js';
import { MaestroError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { parseDurationMs } from '../util/duration.js';
import { sha256Hex } from '../util/sha256.js';
import { paramBounds } from './param-bounds.js';
import type { Catalog, Control, EvidenceRequirement } from './types.js';

/** One parsed catalog file, before validation. */
export interface CatalogEntry {
  /** File name relative to the catalog root, used in every message. */
  source: string;
  value: unknown;
}

/** Validates one control document against the control schema; returns no issues when valid. */
export type ControlSchemaCheck = (value: unknown) => SchemaIssue[];

/**
 * Builds a catalog from parsed files: schema check, then the rules a schema cannot express
 * (unique ids, one requirement per kind, declared parameters). Collects every problem before
 * failing, so one run shows all of them.
 */
export function buildCatalog(entries: CatalogEntry[], checkSchema: ControlSchemaCheck): Catalog {
  const problems: string[] = [];
  const controls: Control[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const issues = checkSchema(entry.value);
    if (issues.length > 0) {
      for (const issue of issues) problems.push(`${entry.source} at ${issue.pointer || '/'}: ${issue.message}`);
      continue;
    }
    const value = entry.value as Omit<Control, 'source'>;
    const control: Control = { ...value, tags: value.tags ?? [], source: entry.source };
    const first = seen.get(control.id);
    if (first !== undefined) {
      throw new MaestroError('CATALOG_DUPLICATE_ID', `control id ${control.id} is defined twice, in ${first} and in ${entry.source}`, {
        file: entry.source,
        pointer: '/id',
        remedy: 'give each control its own id; ids are referenced by waivers and decisions, so never reuse one.',
      });
    }
    seen.set(control.id, entry.source);
    problems.push(...checkRequirements(control));
    controls.push(control);
  }
  if (problems.length > 0) {
    throw new MaestroError('CATALOG_INVALID', `the controls catalog is invalid:\n  - ${problems.join('\n  - ')}`, {
      remedy: 'fix the listed fields; controls/control.schema.json documents every field.',
    });
  }
  controls.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { controls, digest: catalogDigest(controls) };
}

/** sha256 of the canonical controls, without their file names: the same rules give the same digest. */
export function catalogDigest(controls: Control[]): string {
  return sha256Hex(canonicalJson(controls.map(({ source: _source, ...rest }) => rest)));
}

function checkRequirements(control: Control): string[] {
  const problems: string[] = [];
  const kinds = new Set<string>();
  control.evidence.forEach((req, index) => {
    const at = `${control.source} at /evidence/${index}`;
    if (kinds.has(req.kind)) problems.push(`${at}/kind: ${control.id} already has a ${req.kind} requirement; merge the assertions into one`);
    kinds.add(req.kind);
    if (req.kind === 'link' && !req.link) problems.push(`${at}/link: a link requirement must set link: true`);
    if (parseDurationMs(req.maxAge) === undefined) problems.push(`${at}/maxAge: ${req.maxAge} is not a duration in weeks, days, hours or minutes`);
    for (const name of referencedParams(req.assert)) {
      if (!req.params || !(name in req.params)) {
        problems.push(`${at}/assert: references /params/${name}, which params does not declare`);
      }
    }
    for (const name of Object.keys(req.params ?? {})) {
      if (!referencedParams(req.assert).includes(name)) problems.push(`${at}/params/${name}: declared but no assertion uses it`);
    }
    problems.push(...checkLoosest(req, at));
  });
  return problems;
}

/**
 * The rules of `loosest`: it limits a declared numeric parameter that the assertion uses one way
 * (as an upper or a lower bound), and lies on the loose side of the default, so that "how far a
 * repo may loosen it" means one thing.
 */
function checkLoosest(req: EvidenceRequirement, at: string): string[] {
  const problems: string[] = [];
  const bounds = paramBounds(req.assert);
  for (const [name, loosest] of Object.entries(req.loosest ?? {})) {
    const value = req.params?.[name];
    const direction = bounds.get(name)?.direction;
    if (value === undefined) problems.push(`${at}/loosest/${name}: limits ${name}, which params does not declare`);
    else if (typeof value !== 'number') problems.push(`${at}/loosest/${name}: ${name} is ${JSON.stringify(value)}, not a number, so it has no looser or stricter value`);
    else if (!direction) problems.push(`${at}/loosest/${name}: the assertion does not use ${name} only as an upper bound (maximum, exclusiveMaximum) or only as a lower bound (minimum, exclusiveMinimum), so which values loosen it cannot be told`);
    else if (direction === 'upper' ? loosest < value : loosest > value) {
      const side = direction === 'upper' ? 'an upper bound, so its loosest value must be at least' : 'a lower bound, so its loosest value must be at most';
      problems.push(`${at}/loosest/${name}: ${loosest} is stricter than the default ${value}; ${name} is ${side} ${value}`);
    }
  }
  return problems;
}

/** Names of the parameters an assertion references through `{"$data": "/params/<name>"}`. */
export function referencedParams(assert: unknown): string[] {
  const names = new Set<string>();
  const stack: unknown[] = [assert];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      const ref = (node as Record<string, unknown>)['$data'];
      if (typeof ref === 'string') {
        const match = /^\/params\/([A-Za-z0-9]+)$/.exec(ref);
        if (match?.[1]) names.add(match[1]);
      }
    }
    stack.push(...Object.values(node as object));
  }
  return [...names].sort();
}

/** The key under which an assertion's compiled validator is stored: sha256 of its canonical JSON, 16 hex. */
export function assertionKey(assert: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(assert)).slice(0, 16);
}
