import { isMap } from './parse-workflow.js';

/** Activity types GitHub runs a workflow on when the event names none (pull_request: docs "Events that trigger workflows"). */
const DEFAULT_TYPES: Record<string, string[]> = {
  pull_request: ['opened', 'synchronize', 'reopened'],
  pull_request_target: ['opened', 'synchronize', 'reopened'],
};

/** Filters that list what runs the workflow: fewer entries run it less. */
const POSITIVE = ['types', 'branches', 'tags', 'paths'] as const;
/** Filters that list what does not run it: more entries run it less. */
const NEGATIVE = ['branches-ignore', 'tags-ignore', 'paths-ignore'] as const;

/** One trigger filter of a repository that runs the workflow on less than the template's. */
export interface TriggerNarrowing {
  event: string;
  filter: (typeof POSITIVE)[number] | (typeof NEGATIVE)[number];
  /** The template's list, or 'all' when it does not filter. */
  expected: string[] | 'all';
  /** The repository's list, or 'all'. */
  actual: string[] | 'all';
  /** The list that restores the template's reach while keeping the repository's additions; null: remove the filter. */
  fix: string[] | null;
}

/** Each event of an `on:` value with its filter map (empty for `on: push` and `on: [push]`). */
export function eventFilters(on: unknown): Map<string, Record<string, unknown>> {
  if (typeof on === 'string') return new Map([[on, {}]]);
  if (Array.isArray(on)) return new Map(on.filter((e): e is string => typeof e === 'string').map((e) => [e, {}]));
  if (!isMap(on)) return new Map();
  return new Map(Object.entries(on).map(([event, value]) => [event, isMap(value) ? value : {}]));
}

/** A filter's list: a string is a list of one; absent is 'all' (for types, GitHub's default types of the event when it has some). */
function list(filters: Record<string, unknown>, filter: string, event: string): string[] | 'all' {
  const value = filters[filter];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map((v) => String(v));
  return filter === 'types' && DEFAULT_TYPES[event] ? DEFAULT_TYPES[event] : 'all';
}

/**
 * The trigger filters with which a repository runs a template workflow on fewer events than the
 * template: types or branches, tags, paths of the template left out (or a filter the template does
 * not have), or -ignore patterns the template does not have. Patterns are compared as text: a
 * repository that rewrites `release/**` as `release/*` is reported, a reviewer decides.
 */
export function narrowedTriggers(templateOn: unknown, repoOn: unknown): TriggerNarrowing[] {
  const template = eventFilters(templateOn);
  const repo = eventFilters(repoOn);
  const found: TriggerNarrowing[] = [];
  for (const [event, t] of template) {
    const r = repo.get(event);
    if (!r) continue;
    for (const filter of POSITIVE) {
      const expected = list(t, filter, event);
      const actual = list(r, filter, event);
      if (actual === 'all') continue;
      if (expected === 'all') {
        found.push({ event, filter, expected, actual, fix: null });
        continue;
      }
      const missing = expected.filter((v) => !actual.includes(v));
      if (missing.length > 0) found.push({ event, filter, expected, actual, fix: [...actual, ...missing] });
    }
    for (const filter of NEGATIVE) {
      const expected = list(t, filter, event);
      const actual = list(r, filter, event);
      if (actual === 'all') continue;
      const allowed = expected === 'all' ? [] : expected;
      const extra = actual.filter((v) => !allowed.includes(v));
      if (extra.length > 0) {
        const kept = actual.filter((v) => allowed.includes(v));
        found.push({ event, filter, expected: expected === 'all' ? 'all' : expected, actual, fix: kept.length > 0 ? kept : null });
      }
    }
  }
  return found;
}

/** A filter list as the report quotes it. */
export function describeFilter(value: string[] | 'all', filter: string): string {
  if (value !== 'all') return `[${value.join(', ')}]`;
  return filter.endsWith('-ignore') ? '(none)' : filter === 'types' ? '(every activity type)' : '(any)';
}
