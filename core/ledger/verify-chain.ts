import { parseJsonText } from '../evidence/parse-json-text.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { validateLedgerEntry } from '../generated/ledger-validators.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';
import { entryKey, parseEntryKey, type LedgerEntry } from './build-entry.js';
import type { LedgerProblem } from './verification-types.js';

/** One stored version of an entry object: its bytes, or why they could not be read. */
export interface StoredVersion {
  bytes?: Buffer;
  /** Why the version was not read (a symbolic link, too large), naming the file. */
  unreadable?: string;
  versionId?: string;
}

/** An entry object as the store holds it: every version, oldest (the one that counts) first. */
export interface StoredEntry {
  key: string;
  versions: StoredVersion[];
}

/** An entry that parsed and matched the entry schema, with the sha256 of its stored bytes. */
export interface ChainEntry {
  key: string;
  keySeq: number;
  entry: LedgerEntry;
  sha256: string;
}

/** The chain as verified: the entries that read, the problems, and notes that are not problems. */
export interface ChainResult {
  entries: ChainEntry[];
  problems: LedgerProblem[];
  notes: string[];
}

/**
 * Walks the chain from the first entry and blames each break on the entry that caused it: a gap in
 * the positions is a removed entry; an entry under another position's key is a reordered pair when
 * two swapped places; a `previous` that names a later entry is a reordered pair; one that names an
 * entry another entry already follows is a fork; one that names nothing is a change of the entry
 * before it (its bytes no longer hash to what its successor recorded), unless a seal signed that
 * entry's digest (`sealed`), which puts the blame on the entry that does not follow it. Every entry must be the
 * canonical JSON maestro writes, and a later object version of an entry key is a fork unless it is a
 * concurrent append that lost the race and whose event was appended again further on.
 */
export function verifyChain(stored: StoredEntry[], unexpected: string[] = [], sealed: ReadonlySet<string> = new Set()): ChainResult {
  const problems: LedgerProblem[] = unexpected.map((key) => ({ key, problem: 'unexpected-object', detail: `${key} is not an entry or seal maestro writes (entries/<12 digits>.json, seals/<12 digits>.sigstore.json): something else was put in the ledger` }));
  const notes: string[] = [];
  const byKeySeq = new Map<number, ChainEntry>();
  const sorted = stored.map((s) => ({ ...s, keySeq: parseEntryKey(s.key)! })).sort((a, b) => a.keySeq - b.keySeq);
  for (const item of sorted) {
    const read = readEntry(item.key, item.versions[0]);
    if ('problem' in read) problems.push({ seq: item.keySeq, key: item.key, problem: read.problem, detail: read.detail });
    else byKeySeq.set(item.keySeq, { key: item.key, keySeq: item.keySeq, ...read });
  }
  const last = sorted.at(-1)?.keySeq ?? 0;
  const present = new Set(sorted.map((s) => s.keySeq));
  for (let seq = 1; seq <= last; seq++) {
    if (!present.has(seq)) problems.push({ seq, key: entryKey(seq), problem: 'removed', detail: `${entryKey(seq)} is missing: entry ${seq} was removed (${seq > 1 ? `entry ${seq - 1} and ` : ''}entry ${last} remain)` });
  }
  checkPositions(byKeySeq, problems);
  checkLinks(byKeySeq, problems, sealed);
  checkVersions(sorted, byKeySeq, problems, notes);
  const entries = [...byKeySeq.values()].sort((a, b) => a.keySeq - b.keySeq);
  return { entries, problems: sortProblems(problems), notes };
}

/** Orders problems by the entry they are blamed on; objects that are no entry come last. */
export function sortProblems(problems: LedgerProblem[]): LedgerProblem[] {
  return [...problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
}

/** Parses one stored version into an entry, or says why it is not one. */
export function readEntry(key: string, version: StoredVersion | undefined): { entry: LedgerEntry; sha256: string } | { problem: 'unreadable' | 'changed'; detail: string } {
  if (!version?.bytes) return { problem: 'unreadable', detail: version?.unreadable ?? `${key} has no readable version` };
  const parsed = parseJsonText(version.bytes);
  if (!parsed.ok) return { problem: 'changed', detail: `${key} is ${parsed.message}: an entry is JSON, so it was overwritten or corrupted` };
  if (!validateLedgerEntry(parsed.value)) {
    const issues = toSchemaIssues(validateLedgerEntry.errors ?? [], parsed.value).slice(0, 3);
    return { problem: 'changed', detail: `${key} is not a valid ledger entry (${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}): it was edited` };
  }
  const text = version.bytes.toString('utf8');
  if (canonicalJson(parsed.value) !== text) return { problem: 'changed', detail: `${key} is not the canonical JSON maestro writes (keys reordered, spaces or a newline added): it was edited` };
  return { entry: parsed.value as LedgerEntry, sha256: sha256Hex(version.bytes) };
}

/** Entries stored under another position's key: a swapped pair, or a moved entry. */
function checkPositions(byKeySeq: Map<number, ChainEntry>, problems: LedgerProblem[]): void {
  const reported = new Set<number>();
  for (const item of byKeySeq.values()) {
    if (item.entry.seq === item.keySeq || reported.has(item.keySeq)) continue;
    const other = byKeySeq.get(item.entry.seq);
    if (other && other.entry.seq === item.keySeq) {
      const [a, b] = [Math.min(item.keySeq, other.keySeq), Math.max(item.keySeq, other.keySeq)];
      problems.push({ seq: a, key: entryKey(a), problem: 'reordered', detail: `${entryKey(a)} holds entry ${b} and ${entryKey(b)} holds entry ${a}: the pair was swapped` });
      reported.add(a).add(b);
    } else {
      problems.push({ seq: item.keySeq, key: item.key, problem: 'changed', detail: `${item.key} holds an entry that says it is entry ${item.entry.seq}: it was moved or edited` });
      reported.add(item.keySeq);
    }
  }
  for (const seq of reported) byKeySeq.delete(seq);
}

/** Each entry must record the sha256 of the entry before it (the first records none). */
function checkLinks(byKeySeq: Map<number, ChainEntry>, problems: LedgerProblem[], sealed: ReadonlySet<string>): void {
  const bySha = new Map<string, ChainEntry>();
  for (const item of byKeySeq.values()) bySha.set(item.sha256, item);
  const followers = new Map<string, ChainEntry[]>();
  for (const item of byKeySeq.values()) {
    if (item.entry.previous) followers.set(item.entry.previous, [...(followers.get(item.entry.previous) ?? []), item]);
  }
  const blamed = new Set(problems.map((p) => p.seq));
  for (const item of [...byKeySeq.values()].sort((a, b) => a.keySeq - b.keySeq)) {
    const seq = item.keySeq;
    const before = byKeySeq.get(seq - 1);
    const expected = seq === 1 ? null : before?.sha256;
    if (item.entry.previous === expected) continue;
    if (seq > 1 && !before) continue; // Entry seq-1 is missing or unreadable: already reported.
    const previous = item.entry.previous;
    if (previous === null) {
      problems.push({ seq, key: item.key, problem: 'changed', detail: `${item.key} claims to be the first entry (previous is null), but entry ${seq - 1} comes before it` });
      continue;
    }
    if (seq === 1) {
      problems.push({ seq, key: item.key, problem: 'changed', detail: `${item.key} is the first entry but records a previous entry (sha256 ${previous}): entries before it were removed, or it was edited` });
      continue;
    }
    const named = bySha.get(previous);
    const rivals = (followers.get(previous) ?? []).filter((f) => f !== item);
    if (named && named.keySeq > seq) {
      problems.push({ seq: Math.min(seq, named.keySeq), key: item.key, problem: 'reordered', detail: `${item.key} follows entry ${named.keySeq}, which is stored after it: entries ${seq} and ${named.keySeq} are in the wrong order` });
    } else if (named && rivals.length > 0) {
      const rival = rivals[0]!;
      problems.push({ seq: Math.max(seq, rival.keySeq), key: item.key, problem: 'forked', detail: `entries ${Math.min(seq, rival.keySeq)} and ${Math.max(seq, rival.keySeq)} both follow entry ${named.keySeq}: the chain forked (two appends from the same head)` });
    } else if (sealed.has(before!.sha256)) {
      // A seal vouches for the entry before, so the break is this entry's own doing.
      problems.push({ seq, key: item.key, problem: 'changed', detail: `${item.key} does not follow entry ${seq - 1}, whose sha256 ${before!.sha256} a seal signed: entry ${seq} was changed (it records ${previous})` });
    } else if (!blamed.has(seq - 1)) {
      problems.push({ seq: seq - 1, key: before!.key, problem: 'changed', detail: `${before!.key} changed after entry ${seq} was appended: its sha256 is ${before!.sha256}, entry ${seq} recorded ${previous}` });
      blamed.add(seq - 1);
    }
  }
}

/** Later versions of an entry key (versioned buckets): lost concurrent appends, or forks. */
function checkVersions(sorted: Array<StoredEntry & { keySeq: number }>, byKeySeq: Map<number, ChainEntry>, problems: LedgerProblem[], notes: string[]): void {
  const events = new Map<string, number>();
  for (const item of byKeySeq.values()) events.set(canonicalJson(item.entry.event), item.keySeq);
  for (const item of sorted) {
    const first = byKeySeq.get(item.keySeq);
    for (const later of item.versions.slice(1)) {
      const id = later.versionId ? `version ${later.versionId}` : 'a later version';
      if (first && later.bytes && item.versions[0]?.bytes?.equals(later.bytes)) {
        notes.push(`${item.key} has ${id} identical to the entry (a repeated write; harmless)`);
        continue;
      }
      const read = readEntry(item.key, later);
      if ('entry' in read && first && read.entry.seq === item.keySeq && read.entry.previous === first.entry.previous) {
        const again = events.get(canonicalJson(read.entry.event));
        if (again !== undefined && again > item.keySeq) {
          notes.push(`${item.key} has ${id}: a concurrent append that lost the race for entry ${item.keySeq}; its event was appended again as entry ${again}`);
          continue;
        }
      }
      problems.push({ seq: item.keySeq, key: item.key, problem: 'forked', detail: `${item.key} has ${id} holding another entry ${item.keySeq}, whose event is not in the chain: the chain forked at entry ${item.keySeq} (the first version is the one that counts)` });
    }
  }
}
