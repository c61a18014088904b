import type { EvidenceIssue } from '../types.js';

/** `1 violation`, `3 violations`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** One JSON pointer token (RFC 6901): `~` and `/` escaped. */
export function token(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** An issue at a pointer, with text cut to a readable length (names come from the report). */
export function issue(pointer: string, message: string): EvidenceIssue {
  return { pointer, message: message.length > 500 ? `${message.slice(0, 497)}...` : message };
}

/** Counts the items of a list by a key (any string from the report: `__proto__` is just a key). */
export function tally<T, K extends string>(items: readonly T[], keyOf: (item: T) => K | undefined): Partial<Record<K, number>> {
  const out = Object.create(null) as Partial<Record<K, number>>;
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** A report object's own member, never one inherited from Object.prototype (`constructor`, `toString`). */
export function own<V>(record: Record<string, V> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
