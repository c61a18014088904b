import { describe, expect, it } from '@jest/globals';
import { visit } from 'jsonc-parser';
import { parseJsonText } from '../../../core/evidence/parse-json-text.js';
import { findDuplicateJsonKey, scanForDuplicateKey } from '../../../core/util/find-duplicate-json-key.js';

const parse = (text: string) => parseJsonText(Buffer.from(text));

describe('parseJsonText and repeated keys', () => {
  it.each([
    ['the repeated count that was seen passing', '{"data":{"counts":{"critical":7,"critical":0}}}', 'critical', '/data/counts/critical', 'the object at /data/counts (at line 1, column 20 and again at line 1, column 33)'],
    ['a key written with an escape', '{"a":1,"\\u0061":2}', 'a', '/a', 'the top-level object (at line 1, column 2 and again at line 1, column 8)'],
    ['whitespace before the colon', '[{"x":1},{"y":[{"z":1, "z" :2}]}]', 'z', '/1/y/0/z', 'the object at /1/y/0'],
    ['a key ending in an escaped backslash', '{"a\\\\":1,"a\\\\":2}', 'a\\', '/a\\', 'the top-level object'],
    ['__proto__', '{"__proto__":{},"__proto__":[]}', '__proto__', '/__proto__', 'the top-level object'],
    ['a key with / and ~', '{"k":{"a/b~":1,"a/b~":2}}', 'a/b~', '/k/a~1b~0', 'the object at /k'],
    ['pretty-printed lines', '{\n  "data": {\n    "critical": 7,\n    "critical": 0\n  }\n}', 'critical', '/data/critical', 'the object at /data (at line 3, column 5 and again at line 4, column 5)'],
    ['colons in strings that force the full scan', '{"a":"x\\":y","b":" : ","b":1}', 'b', '/b', 'the top-level object'],
  ])('refuses %s, naming the key and where', (_what, text, key, pointer, where) => {
    const result = parse(text);
    expect(result).toMatchObject({ ok: false, code: 'JSON_DUPLICATE_KEY', pointer });
    expect(result.ok === false && result.message).toContain(`ambiguous JSON: the key ${JSON.stringify(key)} appears twice in ${where}`);
  });

  it.each([
    ['the same key in sibling objects', '[{"a":1},{"a":2}]'],
    ['the same key at two depths', '{"a":{"a":{"a":1}}}'],
    ['quote-colon pairs inside strings', '{"a":"\\":","b":"x : y","c":":"}'],
    ['an escaped backslash before a closing quote', '{"a":"x\\\\","b":"\\\\\\""}'],
    ['empty objects and arrays', '{"a":{},"b":[],"c":[{}, {}]}'],
    ['keys that differ only in case or by a space', '{"a":1,"A":2,"a ":3}'],
  ])('accepts %s', (_what, text) => {
    expect(parse(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('scans 100,000 levels of nesting without recursion (colons in a string force the full scan)', () => {
    const deep = (tail: string) => `{"kind":${'[{"k":'.repeat(50_000)}1${'}]'.repeat(50_000)},"x":"::"${tail}}`;
    expect(parse(deep('')).ok).toBe(true);
    expect(parse(deep(',"x":2'))).toMatchObject({ ok: false, code: 'JSON_DUPLICATE_KEY', pointer: '/x' });
  });

  it.each([
    ['a trailing comma', '{"a":1,}'],
    ['single quotes', "{'a':1}"],
    ['a comment', '{"a":1 /* x */}'],
    ['NaN', '{"a":NaN}'],
    ['a raw tab inside a string', '{"a":"\t"}'],
  ])('is exactly as strict as JSON.parse otherwise: refuses %s as a syntax error', (_what, text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(parse(text)).toMatchObject({ ok: false, code: 'JSON_SYNTAX' });
  });

  it.each([
    ['a lone surrogate escape', '{"a":"\\ud800"}'],
    ['big and negative-zero numbers', '{"a":1e400,"b":-0,"c":123456789012345678901234567890}'],
    ['line and paragraph separators in strings', '{"a":"\u2028\u2029"}'],
    ['a top-level string', '"x"'],
  ])('is exactly as strict as JSON.parse otherwise: accepts %s', (_what, text) => {
    expect(parse(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });
});

/** An independent answer: jsonc-parser's visitor, keeping the decoded keys of each open object. */
function oracle(text: string): string | undefined {
  const open: Set<string>[] = [];
  let found: string | undefined;
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (property) => {
      const keys = open[open.length - 1]!;
      if (keys.has(property)) found ??= property;
      keys.add(property);
    },
  });
  return found;
}

/** mulberry32, seeded: the same documents on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random JSON text: keys from a small set (so some repeat), spellings with escapes, whitespace, and strings holding `":`. */
function document(next: () => number, depth = 0): string {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const ws = () => pick(['', '', ' ', '\n  ', '\t']);
  const roll = next();
  if (depth > 4 || roll < 0.3) return pick(['1', '-0.5e3', 'true', 'null', '"v"', '"a\\":b"', '" : "', '"\\\\"', '"\\u0022:"']);
  if (roll < 0.55) return `[${ws()}${Array.from({ length: Math.floor(next() * 4) }, () => document(next, depth + 1)).join(`,${ws()}`)}${ws()}]`;
  const members = Array.from({ length: Math.floor(next() * 5) }, () => `${pick(['"a"', '"b"', '"\\u0061"', '"c"', '"d\\"e"', '"d\\u0022e"'])}${ws()}:${ws()}${document(next, depth + 1)}`);
  return `{${ws()}${members.join(`,${ws()}`)}${ws()}}`;
}

describe('findDuplicateJsonKey against an independent reader', () => {
  it('agrees with jsonc-parser on 3,000 random documents, on both paths', () => {
    const next = random(20261120);
    let repeated = 0;
    for (let i = 0; i < 3000; i++) {
      const text = document(next);
      const value = JSON.parse(text);
      const expected = oracle(text);
      if (expected !== undefined) repeated++;
      expect([text, findDuplicateJsonKey(text, value)?.key]).toEqual([text, expected]);
      expect([text, scanForDuplicateKey(text)?.key]).toEqual([text, expected]);
    }
    // Both kinds of document were tried.
    expect(repeated).toBeGreaterThan(300);
    expect(repeated).toBeLessThan(2700);
  });
});
