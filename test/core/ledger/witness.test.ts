import { describe, expect, it } from '@jest/globals';
import { buildSealStatement } from '../../../core/ledger/build-seal-statement.js';
import { notVerifiedBanner } from '../../../core/ledger/export-entries.js';
import { isCanonical } from '../../../core/ledger/read-entry.js';
import { SeqSet } from '../../../core/ledger/seq-set.js';
import { checkWitness, findLedgerHead, formatLedgerHead, parseExpectHead } from '../../../core/ledger/witness.js';
import { canonicalJson } from '../../../core/util/canonical-json.js';

const SHA = 'ab'.repeat(32);

describe('ledger heads as text', () => {
  it('formats the line a check run carries, and finds it again in any text around it', () => {
    expect(formatLedgerHead({ seq: 1234, sha256: SHA })).toBe(`Audit ledger head: 1234:${SHA}`);
    expect(findLedgerHead(`#### Decisions\n\n**GA-25** met\n\nAudit ledger head: 1234:${SHA}\n`)).toEqual({ seq: 1234, sha256: SHA });
    expect(findLedgerHead(`{"text":"...\\nAudit ledger head: \`7:${SHA}\`\\n"}`)).toEqual({ seq: 7, sha256: SHA });
    expect(findLedgerHead('Audit ledger head: none (the audit ledger is empty)')).toBeUndefined();
    expect(findLedgerHead(`Audit ledger head: 0:${SHA}`)).toBeUndefined();
  });

  it.each([['7'], [`7:${SHA.slice(1)}`], [`0:${SHA}`], [`-1:${SHA}`], [`7:${SHA.toUpperCase()}`], [`x:${SHA}`]])('refuses --expect-head %s', (text) => {
    expect(() => parseExpectHead(text)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('takes --expect-head <seq>:<sha256>', () => {
    expect(parseExpectHead(` 42:${SHA} `)).toEqual({ seq: 42, sha256: SHA, source: '--expect-head' });
  });
});

describe('checkWitness', () => {
  const witness = { seq: 5, sha256: SHA, source: 'release v1.2.0 (manifest.json of s3://b/web/v1.2.0)' };
  const at = (sha256: string) => new Map([[5, { key: 'entries/000000000005.json', sha256 }]]);

  it('passes a ledger that reaches the head with its sha256, whatever came later', () => {
    expect(checkWitness(witness, at(SHA), 9)).toEqual({ check: { ...witness, result: 'pass', detail: `entry 5 has the sha256 ${witness.source} witnessed: entries 1 to 5 are as they were then` } });
  });

  it('names entries cut off the end, and an empty ledger', () => {
    expect(checkWitness(witness, new Map(), 3).problem).toEqual({ seq: 4, key: 'entries/000000000004.json', problem: 'truncated', detail: `the ledger ends at entry 3, but ${witness.source} witnessed entry 5 (sha256 ${SHA}): entries 4 to 5 were removed from the end` });
    expect(checkWitness(witness, new Map(), 0).problem?.detail).toMatch(/^the ledger has no entries, but .* entries 1 to 5 were removed/);
  });

  it('names an entry that differs from the witnessed one', () => {
    const other = 'cd'.repeat(32);
    expect(checkWitness(witness, at(other), 5).problem).toMatchObject({ seq: 5, problem: 'changed', detail: `entries/000000000005.json has sha256 ${other}, but ${witness.source} witnessed ${SHA}: entry 5 was rewritten, or an entry before it with the links after it recomputed` });
  });

  it('fails, without a problem of its own, when the entry is missing (already reported)', () => {
    expect(checkWitness(witness, new Map(), 9)).toEqual({ check: expect.objectContaining({ result: 'fail', detail: expect.stringContaining('missing or unreadable') }) });
  });
});

describe('seal statements', () => {
  it('name the seal before them and, for periodic seals, the interval; the first seal names none', () => {
    expect(buildSealStatement({ seq: 3, sha256: SHA }, '2026-11-20T12:00:00Z').predicate).toEqual({ seq: 3, sha256: SHA, sealedAt: '2026-11-20T12:00:00Z' });
    expect(buildSealStatement({ seq: 6, sha256: SHA }, '2026-11-20T12:00:00Z', { previousSeal: { seq: 3, sha256: 'ef'.repeat(32) }, sealEvery: 3 }).predicate).toEqual({ seq: 6, sha256: SHA, sealedAt: '2026-11-20T12:00:00Z', previousSeal: { seq: 3, sha256: 'ef'.repeat(32) }, sealEvery: 3 });
  });
});

describe('isCanonical', () => {
  const values: unknown[] = [
    {}, [], { b: 1, a: [1, 2.5, -0.001, 1e21, { c: null, d: true, e: false }] }, { '10': 1, '9': 2, a: 'x"y\\z\u2028\n\u0001' },
    { é: 1, e: 2, '\u{1F600}': 3, '\uFFFF': 4, '': 5 }, ['\ud83d\ude00', 'plain'], { nested: { deeper: { deepest: [[], {}] } } },
  ];
  it.each(values.map((v) => [canonicalJson(v)]))('agrees with canonicalJson on %s and its variants', (canonical) => {
    const value = JSON.parse(canonical);
    expect(isCanonical(value, canonical)).toBe(true);
    for (const variant of [`${canonical} `, ` ${canonical}`, `${canonical}\n`, JSON.stringify(value, null, 1), canonical.replace(/":/, '": '), canonical.replace(/,/, ' ,')]) {
      if (variant !== canonical) expect(isCanonical(JSON.parse(variant), variant)).toBe(false);
    }
  });
  it.each([['{"b":1,"a":2}'], ['{"a":1,"a":2}'], ['[1.0]'], ['[1E3]'], ['["\\u0041"]'], ['{"9":2,"10":1}'], ['[-0]'], ['"\\/"']])('refuses %s, which is not canonical', (text) => {
    expect(isCanonical(JSON.parse(text), text)).toBe(false);
    expect(canonicalJson(JSON.parse(text)) === text).toBe(false);
  });
});

describe('SeqSet', () => {
  it('keeps positions given in any order, walks them in ascending order, and counts each once', () => {
    const set = new SeqSet();
    for (const seq of [5, 1, 65_536, 3, 65_535, 999_999_999_999, 1, 31, 32, 33]) set.add(seq);
    expect([...set]).toEqual([1, 3, 5, 31, 32, 33, 65_535, 65_536, 999_999_999_999]);
    expect([set.size, set.max, set.has(32), set.has(2)]).toEqual([9, 999_999_999_999, true, false]);
  });
});

describe('an export that did not verify', () => {
  it('starts with a line that says so, in either format', () => {
    expect(notVerifiedBanner('jsonl', 'first bad entry 2 (changed)')).toBe('{"notVerified":true,"banner":"NOT VERIFIED: first bad entry 2 (changed)"}\n');
    expect(notVerifiedBanner('csv', 'first bad entry 2 (changed): "x"')).toBe('"NOT VERIFIED: first bad entry 2 (changed): ""x"""\r\n');
  });
});
