import { describe, expect, it } from '@jest/globals';
import { buildEntry, entryKey, parseEntryKey, type BuiltEntry, type LedgerHead } from '../../../core/ledger/build-entry.js';
import { checkAuditEvent } from '../../../core/ledger/check-audit-event.js';
import { exportEvents, renderCsv } from '../../../core/ledger/export-entries.js';
import type { AuditEvent } from '../../../core/ledger/types.js';
import { verifyChain, type StoredEntry } from '../../../core/ledger/verify-chain.js';
import { canonicalJson } from '../../../core/util/canonical-json.js';

const event = (i: number): AuditEvent => ({ action: 'override.granted', actor: 'oncall-sam', at: `2026-11-0${i}T02:00:00Z`, repo: 'acme/web', number: 421, reason: `incident ${i}` });

/** A chain of `n` entries, as stored. */
function chain(n: number): BuiltEntry[] {
  const out: BuiltEntry[] = [];
  let head: LedgerHead | undefined;
  for (let i = 1; i <= n; i++) {
    const built = buildEntry(event(i), head, `2026-11-0${i}T02:00:01Z`);
    out.push(built);
    head = { seq: built.entry.seq, sha256: built.sha256 };
  }
  return out;
}

const stored = (entries: Array<{ key: string; bytes: Buffer }>): StoredEntry[] => entries.map(({ key, bytes }) => ({ key, versions: [{ bytes }] }));
const asStored = (built: BuiltEntry[]) => built.map((b) => ({ key: entryKey(b.entry.seq), bytes: b.bytes }));

describe('verifyChain', () => {
  it('passes an intact chain whose entries link by the sha256 of their bytes', () => {
    const built = chain(4);
    expect(built[1]!.entry.previous).toBe(built[0]!.sha256);
    expect(verifyChain(stored(asStored(built)))).toMatchObject({ problems: [], notes: [] });
  });

  it.each([
    ['a changed entry', (s: Array<{ key: string; bytes: Buffer }>) => { const e = JSON.parse(s[1]!.bytes.toString()); e.event.reason = 'none'; s[1]!.bytes = Buffer.from(canonicalJson(e)); }, { seq: 2, problem: 'changed' }],
    ['an edit that is not canonical JSON', (s: Array<{ key: string; bytes: Buffer }>) => { s[3]!.bytes = Buffer.from(JSON.stringify(JSON.parse(s[3]!.bytes.toString()), null, 2)); }, { seq: 4, problem: 'changed' }],
    ['a removed entry', (s: Array<{ key: string; bytes: Buffer }>) => { s.splice(2, 1); }, { seq: 3, problem: 'removed' }],
    ['a swapped pair', (s: Array<{ key: string; bytes: Buffer }>) => { [s[1]!.bytes, s[2]!.bytes] = [s[2]!.bytes, s[1]!.bytes]; }, { seq: 2, problem: 'reordered' }],
    ['a first entry removed and the rest renumbered', (s: Array<{ key: string; bytes: Buffer }>) => { s.shift(); for (const [i, item] of s.entries()) { const e = JSON.parse(item.bytes.toString()); e.seq = i + 1; item.key = entryKey(i + 1); item.bytes = Buffer.from(canonicalJson(e)); } }, { seq: 1, problem: 'changed' }],
    ['an entry that is not JSON', (s: Array<{ key: string; bytes: Buffer }>) => { s[0]!.bytes = Buffer.from('\u0000garbage'); }, { seq: 1, problem: 'changed' }],
  ])('names %s as the first problem', (_name, tamper, first) => {
    const s = asStored(chain(4));
    tamper(s);
    expect(verifyChain(stored(s)).problems[0]).toMatchObject(first);
  });

  it('names a second version of an entry key whose event is nowhere in the chain as a fork', () => {
    const built = chain(3);
    const rival = buildEntry(event(9), { seq: 1, sha256: built[0]!.sha256 }, '2026-11-09T00:00:00Z');
    const s = stored(asStored(built));
    s[1]!.versions.push({ bytes: rival.bytes, versionId: 'v2' });
    expect(verifyChain(s).problems).toEqual([expect.objectContaining({ seq: 2, problem: 'forked' })]);
  });

  it('notes a lost concurrent append whose event was appended again further on, without calling it a problem', () => {
    const built = chain(2);
    const lost = buildEntry(event(3), { seq: 1, sha256: built[0]!.sha256 }, '2026-11-03T02:00:01Z');
    const again = buildEntry(event(3), { seq: 2, sha256: built[1]!.sha256 }, '2026-11-03T02:00:02Z');
    const s = stored([...asStored(built), { key: entryKey(3), bytes: again.bytes }]);
    s[1]!.versions.push({ bytes: lost.bytes, versionId: 'v2' });
    const result = verifyChain(s);
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual(['entries/000000000002.json has version v2: a concurrent append that lost the race for entry 2; its event was appended again as entry 3']);
  });

  it('blames the entry that breaks the link when a seal vouches for the one before', () => {
    const s = asStored(chain(3));
    const third = JSON.parse(s[2]!.bytes.toString());
    third.previous = 'f'.repeat(64);
    s[2]!.bytes = Buffer.from(canonicalJson(third));
    expect(verifyChain(stored(s)).problems[0]).toMatchObject({ seq: 2, problem: 'changed' });
    expect(verifyChain(stored(s), [], new Set([chain(3)[1]!.sha256])).problems[0]).toMatchObject({ seq: 3, problem: 'changed' });
  });
});

describe('entry keys', () => {
  it.each([
    ['entries/000000000001.json', 1],
    ['entries/000000000000.json', undefined],
    ['entries/1.json', undefined],
    ['entries/../000000000001.json', undefined],
    ['entries/000000000001.json.partial', undefined],
  ])('%s is entry %s', (key, seq) => expect(parseEntryKey(key)).toBe(seq));
});

describe('checkAuditEvent', () => {
  it('returns a plain JSON copy of a valid event', () => {
    expect(checkAuditEvent({ ...event(1), before: { at: new Date('2026-11-01T00:00:00Z') } })).toEqual({ ...event(1), before: { at: '2026-11-01T00:00:00.000Z' } });
  });

  it.each([
    [{ ...event(1), action: 'merge.forced' }, 'AUDIT_EVENT_INVALID', '/action'],
    [{ ...event(1), extra: 1 }, 'AUDIT_EVENT_INVALID', '/extra'],
    [{ ...event(1), at: 'yesterday' }, 'AUDIT_EVENT_INVALID', '/at'],
    [{ ...event(1), reason: 'r'.repeat(2001) }, 'AUDIT_EVENT_TOO_LARGE', '/reason'],
    [{ ...event(1), before: 'b'.repeat(8191) }, 'AUDIT_EVENT_TOO_LARGE', '/before'],
  ])('refuses %#', (bad, code, pointer) => {
    expect(() => checkAuditEvent(bad as AuditEvent)).toThrow(expect.objectContaining({ code, pointer }));
  });
});

describe('renderCsv', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
  ])('writes the reason %j as %j', (reason, cell) => {
    const built = buildEntry({ ...event(1), reason }, undefined, '2026-11-01T02:00:01Z');
    const row = renderCsv(exportEvents([{ key: entryKey(1), keySeq: 1, entry: built.entry, sha256: built.sha256 }])).split('\r\n')[1]!;
    expect(row.split(',2026-11-01T02:00:01Z')[0]).toBe('1');
    expect(row).toContain(`,${cell},`);
  });
});
