import { canonicalJson } from '../util/canonical-json.js';
import { entryKey } from './build-entry.js';
import { readEntry, type ChainEntry, type StoredEntry } from './read-entry.js';
import type { LedgerProblem } from './verification-types.js';

/** Problems kept for the report; beyond this they are counted, so a ledger rewritten end to end is still read in bounded memory. */
export const MAX_KEPT_PROBLEMS = 1000;

/** A stored entry with the position its key names. */
export type PositionedEntry = StoredEntry & { keySeq: number };

/** What the walk found. */
export interface WalkResult {
  /** Problems in chain order; objects that are no entry come last. */
  problems: LedgerProblem[];
  /** Problems found beyond the MAX_KEPT_PROBLEMS kept. */
  moreProblems: number;
  notes: string[];
  /** The last entry that is readable and at its own position. */
  head?: { seq: number; sha256: string };
  /** Entry objects seen. */
  entries: number;
  /** Entries at the positions asked for (`interest`): seals and witnesses are held against them. */
  at: Map<number, { key: string; sha256: string }>;
}

/** A link that did not hold; what broke it is decided once every entry was seen. */
interface LinkQuestion {
  seq: number;
  key: string;
  previous: string;
  before: { seq: number; key: string; sha256: string };
}

/** The problem of an object below entries/ or seals/ that maestro does not write. */
export function unexpectedProblem(key: string): LedgerProblem {
  return { key, problem: 'unexpected-object', detail: `${key} is not an entry or seal maestro writes (entries/<12 digits>.json, seals/<12 digits>.sigstore.json): something else was put in the ledger` };
}

/**
 * Walks the chain from the first entry, one entry at a time in position order, keeping only the
 * entry before (memory does not grow with the ledger), and blames each break on the entry that
 * caused it: a gap in the positions is a removed entry; an entry under another position's key is a
 * reordered pair when two swapped places; a `previous` that names a later entry is a reordered
 * pair, one that names an earlier entry than the one before skips entries (reordered and
 * renumbered, or inserted); one that names an entry another entry already follows is a fork; one
 * that names nothing is a change of the entry before it (its bytes no longer hash to what its
 * successor recorded), unless a seal signed that entry's digest (`sealed`), which puts the blame on
 * the entry that does not follow it. Every entry must be the canonical JSON maestro writes, and a
 * later object version of an entry key is a fork unless it is a concurrent append that lost the
 * race and whose event was appended again further on.
 *
 * Links that did not hold are classified from a second reading (`questions`, `answer`), asked only
 * when there are some: an intact ledger is read once.
 */
export class ChainWalk {
  readonly #last: number;
  readonly #sealed: ReadonlySet<string>;
  readonly #interest: ReadonlySet<number>;
  readonly #problems: LedgerProblem[] = [];
  #more = 0;
  readonly #notes: Array<{ seq: number; text: string }> = [];
  #expected = 1;
  // The entry before and the head, as fields rather than an object per entry: this runs 100,000 times.
  #beforeSeq = 0;
  #beforeKey = '';
  #beforeSha = '';
  #headSeq = 0;
  #headSha = '';
  #count = 0;
  readonly #misplaced = new Map<number, { claims: number; key: string }>();
  readonly #questions: LinkQuestion[] = [];
  readonly #lostRaces = new Map<string, Array<{ seq: number; key: string; id: string }>>();
  readonly #at = new Map<number, { key: string; sha256: string }>();
  readonly #named = new Map<string, number>();
  readonly #followers = new Map<string, number[]>();

  /** `last`: the highest entry position stored; `sealed`: the digests seals signed; `interest`: positions whose entries are wanted. */
  constructor(options: { last: number; sealed?: ReadonlySet<string>; interest?: ReadonlySet<number> }) {
    this.#last = options.last;
    this.#sealed = options.sealed ?? new Set();
    this.#interest = options.interest ?? new Set();
  }

  /** The next stored entry, in ascending position; returns it when it is part of the chain (readable, at its own position). */
  push(item: PositionedEntry): ChainEntry | undefined {
    const seq = item.keySeq;
    this.#count++;
    if (seq > this.#expected) this.#gap(this.#expected, seq - 1);
    this.#expected = seq + 1;
    const hasBefore = seq > 1 && this.#beforeSeq === seq - 1;
    this.#beforeSeq = 0;
    const read = readEntry(item.key, item.versions[0]);
    if ('problem' in read) {
      this.#add({ seq, key: item.key, problem: read.problem, detail: read.detail });
      this.#laterVersions(item, undefined);
      return undefined;
    }
    const entry: ChainEntry = { key: item.key, keySeq: seq, entry: read.entry, sha256: read.sha256 };
    if (read.entry.seq !== seq) {
      this.#misplace(entry);
      this.#laterVersions(item, undefined);
      return undefined;
    }
    this.#link(entry, hasBefore);
    this.#beforeSeq = this.#headSeq = seq;
    this.#beforeKey = item.key;
    this.#beforeSha = this.#headSha = read.sha256;
    if (this.#interest.has(seq)) this.#at.set(seq, { key: item.key, sha256: read.sha256 });
    this.#appendedAgain(entry);
    this.#laterVersions(item, entry);
    return entry;
  }

  /** The digests a second reading must look for, when links did not hold; undefined when all held. */
  questions(): ReadonlySet<string> | undefined {
    return this.#questions.length > 0 ? new Set(this.#questions.flatMap((q) => [q.previous, q.before.sha256])) : undefined;
  }

  /** One entry of the second reading (any order): which entry has each asked digest, and which entries follow it. */
  answer(item: PositionedEntry, asked: ReadonlySet<string>): void {
    const read = readEntry(item.key, item.versions[0]);
    if ('problem' in read || read.entry.seq !== item.keySeq) return;
    if (asked.has(read.sha256)) this.#named.set(read.sha256, item.keySeq);
    const previous = read.entry.previous;
    if (previous !== null && asked.has(previous)) this.#followers.set(previous, [...(this.#followers.get(previous) ?? []), item.keySeq]);
  }

  finish(): WalkResult {
    for (const [seq, { claims, key }] of this.#misplaced) this.#add({ seq, key, problem: 'changed', detail: `${key} holds an entry that says it is entry ${claims}: it was moved or edited` });
    for (const pending of this.#lostRaces.values()) {
      for (const p of pending) this.#add({ seq: p.seq, key: p.key, problem: 'forked', detail: `${p.key} has ${p.id} holding another entry ${p.seq}, whose event is not in the chain: the chain forked at entry ${p.seq} (the first version is the one that counts)` });
    }
    this.#resolveLinks();
    const problems = [...this.#problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
    const notes = [...this.#notes].sort((a, b) => a.seq - b.seq).map((n) => n.text);
    return { problems, moreProblems: this.#more, notes, ...(this.#headSeq > 0 ? { head: { seq: this.#headSeq, sha256: this.#headSha } } : {}), entries: this.#count, at: this.#at };
  }

  #add(problem: LedgerProblem): void {
    if (this.#problems.length < MAX_KEPT_PROBLEMS) this.#problems.push(problem);
    else this.#more++;
  }

  #gap(from: number, to: number): void {
    const remain = `(${from > 1 ? `entry ${from - 1} and ` : ''}entry ${this.#last} remain)`;
    const detail = from === to ? `${entryKey(from)} is missing: entry ${from} was removed ${remain}` : `${entryKey(from)} to ${entryKey(to)} are missing: entries ${from} to ${to} were removed ${remain}`;
    this.#add({ seq: from, key: entryKey(from), problem: 'removed', detail });
  }

  /** An entry under another position's key: half of a swapped pair, or moved or edited. */
  #misplace(item: ChainEntry): void {
    const [seq, claims] = [item.keySeq, item.entry.seq];
    const other = claims < seq ? this.#misplaced.get(claims) : undefined;
    if (other && other.claims === seq) {
      this.#misplaced.delete(claims);
      this.#add({ seq: claims, key: entryKey(claims), problem: 'reordered', detail: `${entryKey(claims)} holds entry ${seq} and ${entryKey(seq)} holds entry ${claims}: the pair was swapped` });
    } else if (this.#misplaced.size >= MAX_KEPT_PROBLEMS) {
      this.#add({ seq, key: item.key, problem: 'changed', detail: `${item.key} holds an entry that says it is entry ${claims}: it was moved or edited` });
    } else {
      this.#misplaced.set(seq, { claims, key: item.key });
    }
  }

  /** Each entry must record the sha256 of the entry before it (the first records none); `hasBefore`: entry seq-1 is in the chain (the fields #before* hold it). */
  #link(item: ChainEntry, hasBefore: boolean): void {
    const { keySeq: seq, key } = item;
    const previous = item.entry.previous;
    if (seq === 1) {
      if (previous !== null) this.#add({ seq, key, problem: 'changed', detail: `${key} is the first entry but records a previous entry (sha256 ${previous}): entries before it were removed, or it was edited` });
      return;
    }
    if (!hasBefore || previous === this.#beforeSha) return; // Entry seq-1 missing, unreadable or misplaced: already reported.
    if (previous === null) {
      this.#add({ seq, key, problem: 'changed', detail: `${key} claims to be the first entry (previous is null), but entry ${seq - 1} comes before it` });
      return;
    }
    this.#questions.push({ seq, key, previous, before: { seq: seq - 1, key: this.#beforeKey, sha256: this.#beforeSha } });
  }

  #resolveLinks(): void {
    const blamed = new Set(this.#problems.map((p) => p.seq));
    for (const { seq, key, previous, before } of this.#questions) {
      const named = this.#named.get(previous);
      const rival = (this.#followers.get(previous) ?? []).find((f) => f !== seq);
      if (named !== undefined && named > seq) {
        this.#add({ seq, key, problem: 'reordered', detail: `${key} follows entry ${named}, which is stored after it: entries ${seq} and ${named} are in the wrong order` });
      } else if (named !== undefined && rival !== undefined) {
        this.#add({ seq: Math.max(seq, rival), key, problem: 'forked', detail: `entries ${Math.min(seq, rival)} and ${Math.max(seq, rival)} both follow entry ${named}: the chain forked (two appends from the same head)` });
      } else if (named !== undefined && named < seq - 1) {
        const skipped = named + 1 === seq - 1 ? `entry ${seq - 1}` : `entries ${named + 1} to ${seq - 1}`;
        this.#add({ seq: seq - 1, key: entryKey(seq - 1), problem: 'reordered', detail: `${key} follows entry ${named}, skipping ${skipped}: entries were reordered (and renumbered to fit their keys), or ${skipped} inserted` });
      } else if (named === undefined && (this.#followers.get(before.sha256) ?? []).some((f) => f > seq)) {
        // Another entry further on follows entry seq-1, so that entry is as it was: this one is out of place.
        const follower = this.#followers.get(before.sha256)!.find((f) => f > seq)!;
        this.#add({ seq, key, problem: 'changed', detail: `${key} does not follow entry ${seq - 1}, which entry ${follower} follows: entry ${seq} was changed, or moved here (entries reordered and renumbered to fit their keys)` });
      } else if (this.#sealed.has(before.sha256)) {
        // A seal vouches for the entry before, so the break is this entry's own doing.
        this.#add({ seq, key, problem: 'changed', detail: `${key} does not follow entry ${seq - 1}, whose sha256 ${before.sha256} a seal signed: entry ${seq} was changed (it records ${previous})` });
      } else if (!blamed.has(seq - 1)) {
        this.#add({ seq: seq - 1, key: before.key, problem: 'changed', detail: `${before.key} changed after entry ${seq} was appended: its sha256 is ${before.sha256}, entry ${seq} recorded ${previous}` });
        blamed.add(seq - 1);
      }
    }
  }

  /** Later versions of an entry key (versioned buckets): lost concurrent appends, decided further on, or forks. */
  #laterVersions(item: PositionedEntry, first: ChainEntry | undefined): void {
    for (const later of item.versions.slice(1)) {
      const id = later.versionId ? `version ${later.versionId}` : 'a later version';
      if (first && later.bytes && item.versions[0]?.bytes?.equals(later.bytes)) {
        this.#notes.push({ seq: item.keySeq, text: `${item.key} has ${id} identical to the entry (a repeated write; harmless)` });
        continue;
      }
      const read = readEntry(item.key, later);
      if ('entry' in read && first && read.entry.seq === item.keySeq && read.entry.previous === first.entry.previous) {
        const event = canonicalJson(read.entry.event);
        this.#lostRaces.set(event, [...(this.#lostRaces.get(event) ?? []), { seq: item.keySeq, key: item.key, id }]);
        continue;
      }
      this.#add({ seq: item.keySeq, key: item.key, problem: 'forked', detail: `${item.key} has ${id} holding another entry ${item.keySeq}, whose event is not in the chain: the chain forked at entry ${item.keySeq} (the first version is the one that counts)` });
    }
  }

  /** A lost append's event found again further on: a note, not a problem. */
  #appendedAgain(item: ChainEntry): void {
    if (this.#lostRaces.size === 0) return;
    const event = canonicalJson(item.entry.event);
    const pending = this.#lostRaces.get(event);
    if (!pending) return;
    for (const p of pending) this.#notes.push({ seq: p.seq, text: `${p.key} has ${p.id}: a concurrent append that lost the race for entry ${p.seq}; its event was appended again as entry ${item.keySeq}` });
    this.#lostRaces.delete(event);
  }
}
