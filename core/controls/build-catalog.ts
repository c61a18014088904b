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

/** One problem of a catalog file: the file, the field (a JSON pointer) and what is wrong. */
export interface CatalogProblem {
  code: 'CATALOG_INVALID' | 'CATALOG_DUPLICATE_ID';
  /** The file, as `CatalogEntry.source` names it. */
  file: string;
  /** JSON pointer of the field; `''` for the whole file. */
  pointer: string;
  message: string;
  /** 1-based line, when known (YAML syntax errors). */
  line?: number;
}

/** What to do about each kind of catalog problem. */
export const CATALOG_REMEDIES = {
  CATALOG_INVALID: 'fix the listed fields; controls/control.schema.json documents every field.',
  CATALOG_DUPLICATE_ID: 'give each control its own id; ids are referenced by waivers and decisions, so never reuse one.',
} as const;

/**
 * Builds a catalog from parsed files: schema check, then the rules a schema cannot express
 * (unique ids, one requirement per kind, declared parameters). Collects every problem before
 * failing, so one run shows all of them.
 */
export function buildCatalog(entries: CatalogEntry[], checkSchema: ControlSchemaCheck): Catalog {
  const built = collectCatalog(entries, checkSchema);
  const duplicate = built.problems.find((p) => p.code === 'CATALOG_DUPLICATE_ID');
  if (duplicate) throw new MaestroError('CATALOG_DUPLICATE_ID', duplicate.message, { file: duplicate.file, pointer: duplicate.pointer, remedy: CATALOG_REMEDIES.CATALOG_DUPLICATE_ID });
  if (built.problems.length > 0) {
    throw new MaestroError('CATALOG_INVALID', `the controls catalog is invalid:\n  - ${built.problems.map((p) => `${p.file} at ${p.pointer || '/'}: ${p.message}`).join('\n  - ')}`, {
      remedy: CATALOG_REMEDIES.CATALOG_INVALID,
    });
  }
  return built.catalog;
}

/** The catalog of the entries and every problem found, each naming its file and field; the catalog is usable only without problems. */
export function collectCatalog(entries: CatalogEntry[], checkSchema: ControlSchemaCheck): { catalog: Catalog; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const controls: Control[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const issues = checkSchema(entry.value);
    if (issues.length > 0) {
      for (const issue of issues) problems.push({ code: 'CATALOG_INVALID', file: entry.source, pointer: issue.pointer, message: issue.message });
      continue;
    }
    const value = entry.value as Omit<Control, 'source'>;
    const control: Control = { ...value, tags: value.tags ?? [], source: entry.source };
    const first = seen.get(control.id);
    if (first !== undefined) {
      problems.push({ code: 'CATALOG_DUPLICATE_ID', file: entry.source, pointer: '/id', message: `control id ${control.id} is defined twice, in ${first} and in ${entry.source}` });
      continue;
    }
    seen.set(control.id, entry.source);
    for (const p of checkRequirements(control)) problems.push({ code: 'CATALOG_INVALID', file: entry.source, pointer: p.pointer, message: p.message });
    controls.push(control);
  }
  controls.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { catalog: { controls, digest: catalogDigest(controls) }, problems };
}

/** sha256 of the canonical controls, without their file names: the same rules give the same digest. */
export function catalogDigest(controls: Control[]): string {
  return sha256Hex(canonicalJson(controls.map(({ source: _source, ...rest }) => rest)));
}

function checkRequirements(control: Control): Array<{ pointer: string; message: string }> {
  const problems: Array<{ pointer: string; message: string }> = [];
  const kinds = new Set<string>();
  control.evidence.forEach((req, index) => {
    const at = `/evidence/${index}`;
    const add = (pointer: string, message: string): void => void problems.push({ pointer: `${at}${pointer}`, message });
    if (kinds.has(req.kind)) add('/kind', `${control.id} already has a ${req.kind} requirement; merge the assertions into one`);
    kinds.add(req.kind);
    if (req.kind === 'link' && !req.link) add('/link', 'a link requirement must set link: true');
    if (parseDurationMs(req.maxAge) === undefined) add('/maxAge', `${req.maxAge} is not a duration in weeks, days, hours or minutes`);
    for (const name of referencedParams(req.assert)) {
      if (!req.params || !(name in req.params)) add('/assert', `references /params/${name}, which params does not declare`);
    }
    for (const name of Object.keys(req.params ?? {})) {
      if (!referencedParams(req.assert).includes(name)) add(`/params/${name}`, 'declared but no assertion uses it');
    }
    for (const p of checkLoosest(req)) add(p.pointer, p.message);
  });
  return problems;
}

/**
 * The rules of `loosest`: it limits a declared numeric parameter that the assertion uses one way
 * (as an upper or a lower bound), and lies on the loose side of the default, so that "how far a
 * repo may loosen it" means one thing.
 */
function checkLoosest(req: EvidenceRequirement): Array<{ pointer: string; message: string }> {
  const problems: Array<{ pointer: string; message: string }> = [];
  const bounds = paramBounds(req.assert);
  for (const [name, loosest] of Object.entries(req.loosest ?? {})) {
    const value = req.params?.[name];
    const direction = bounds.get(name)?.direction;
    const add = (message: string): void => void problems.push({ pointer: `/loosest/${name}`, message });
    if (value === undefined) add(`limits ${name}, which params does not declare`);
    else if (typeof value !== 'number') add(`${name} is ${JSON.stringify(value)}, not a number, so it has no looser or stricter value`);
    else if (!direction) add(`the assertion does not use ${name} only as an upper bound (maximum, exclusiveMaximum) or only as a lower bound (minimum, exclusiveMinimum), so which values loosen it cannot be told`);
    else if (direction === 'upper' ? loosest < value : loosest > value) {
      const side = direction === 'upper' ? 'an upper bound, so its loosest value must be at least' : 'a lower bound, so its loosest value must be at most';
      add(`${loosest} is stricter than the default ${value}; ${name} is ${side} ${value}`);
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
