import type { EvidenceRequirement, ParamValue } from './types.js';

/** Which way a parameter bounds a field: an `upper` bound loosens when raised, a `lower` one when lowered. */
export type BoundDirection = 'upper' | 'lower';

/** How an assertion uses one parameter: as an upper or lower bound of some fields, or otherwise (`direction` undefined). */
export interface ParamBound {
  direction?: BoundDirection;
  /** The bounded fields with their operator, as they read in a sentence: `counts.critical ≤`. */
  fields: string[];
}

const UPPER: Record<string, string> = { maximum: '≤', exclusiveMaximum: '<', maxItems: 'items ≤', maxLength: 'length ≤', maxProperties: 'keys ≤', maxContains: 'matching items ≤' };
const LOWER: Record<string, string> = { minimum: '≥', exclusiveMinimum: '>', minItems: 'items ≥', minLength: 'length ≥', minProperties: 'keys ≥', minContains: 'matching items ≥' };
/** Keywords under which a bound no longer reads one way: a negation, a condition, an exclusive choice. */
const UNORDERED_UNDER = new Set(['not', 'if', 'oneOf']);

/**
 * How each parameter of an assertion bounds the report: walks the JSON Schema fragment for
 * `{"$data": "/params/<name>"}` and reads the keyword that holds it. A parameter held by a
 * `maximum`-like keyword is an upper bound, by a `minimum`-like one a lower bound; held by anything
 * else (`const`, `enum`), under `not`, `if` or `oneOf`, or both ways, it has no direction.
 */
export function paramBounds(assert: unknown): Map<string, ParamBound> {
  const refs = new Map<string, Array<{ keyword: string; field: string; ordered: boolean }>>();
  walk(assert, [], true, (name, ref) => refs.set(name, [...(refs.get(name) ?? []), ref]));
  const out = new Map<string, ParamBound>();
  for (const [name, list] of refs) {
    const directions = new Set(list.map((r) => (!r.ordered ? 'none' : r.keyword in UPPER ? 'upper' : r.keyword in LOWER ? 'lower' : 'none')));
    const only = directions.size === 1 ? [...directions][0] : 'none';
    const fields = list.map((r) => `${r.field || '(report)'} ${UPPER[r.keyword] ?? LOWER[r.keyword] ?? r.keyword}`);
    out.set(name, { ...(only === 'upper' || only === 'lower' ? { direction: only } : {}), fields: [...new Set(fields)] });
  }
  return out;
}

type Found = (name: string, ref: { keyword: string; field: string; ordered: boolean }) => void;

function walk(node: unknown, path: string[], ordered: boolean, found: Found): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, path, ordered, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const name = paramRef(value);
    if (name !== undefined) {
      found(name, { keyword: key, field: fieldName(path), ordered });
    } else if (key === 'properties' && value !== null && typeof value === 'object') {
      for (const [prop, sub] of Object.entries(value as Record<string, unknown>)) walk(sub, [...path, prop], ordered, found);
    } else if (key === 'patternProperties' || key === 'additionalProperties') {
      const subs = key === 'patternProperties' && value !== null && typeof value === 'object' ? Object.values(value as Record<string, unknown>) : [value];
      for (const sub of subs) walk(sub, [...path, '*'], ordered, found);
    } else if (key === 'items' || key === 'prefixItems' || key === 'contains') {
      walk(value, [...path, '[]'], ordered, found);
    } else {
      walk(value, path, ordered && !UNORDERED_UNDER.has(key), found);
    }
  }
}

function paramRef(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Record<string, unknown>)['$data'];
  return typeof ref === 'string' ? /^\/params\/([A-Za-z0-9]+)$/.exec(ref)?.[1] : undefined;
}

function fieldName(path: string[]): string {
  return path.reduce((out, part) => (part === '[]' ? `${out}[]` : out ? `${out}.${part}` : part), '');
}

/** How a repo config value for one parameter of one requirement compares with the catalog's. */
export interface ParamComparison {
  /** `loosened` and `tightened` for a bound with a direction; `changed` for a parameter without one. */
  effect: 'same' | 'loosened' | 'tightened' | 'changed';
  bound: ParamBound;
  /** The loosest value the catalog lets a repo set; the default itself when it declares none. */
  loosest?: number;
  /** Whether the catalog allows the value: tightening always, loosening up to `loosest`, no other change. */
  allowed: boolean;
}

/** Compares a config value of parameter `name` with the requirement's default and its declared `loosest`. */
export function compareParam(req: EvidenceRequirement, name: string, value: ParamValue): ParamComparison {
  const bound = paramBounds(req.assert).get(name) ?? { fields: [] };
  const catalog = req.params?.[name];
  if (catalog === value) return { effect: 'same', bound, allowed: true };
  if (!bound.direction || typeof catalog !== 'number' || typeof value !== 'number' || !Number.isFinite(value)) return { effect: 'changed', bound, allowed: false };
  const loosest = req.loosest?.[name] ?? catalog;
  const upper = bound.direction === 'upper';
  if (upper ? value < catalog : value > catalog) return { effect: 'tightened', bound, loosest, allowed: true };
  return { effect: 'loosened', bound, loosest, allowed: upper ? value <= loosest : value >= loosest };
}

/**
 * A requirement's parameters with how far a repo may loosen each, for people: `maxCritical 0
 * (may only be tightened), maxMinor 4 (a repo may raise it to 20)`. Undefined without parameters.
 */
export function describeParams(req: EvidenceRequirement): string | undefined {
  const entries = Object.entries(req.params ?? {});
  if (entries.length === 0) return undefined;
  const bounds = paramBounds(req.assert);
  return entries
    .map(([name, value]) => {
      const direction = bounds.get(name)?.direction;
      if (!direction || typeof value !== 'number') return `${name} ${JSON.stringify(value)} (may not be changed)`;
      const loosest = req.loosest?.[name] ?? value;
      return loosest === value ? `${name} ${value} (may only be tightened)` : `${name} ${value} (a repo may ${direction === 'upper' ? 'raise' : 'lower'} it to ${loosest})`;
    })
    .join(', ');
}
