import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';
import type { AuditEvent } from './types.js';

/** The format tag of every ledger entry; a reader refuses entries of another format. */
export const ENTRY_FORMAT = 'maestro-audit-ledger-entry/v1';

/** The largest stored entry a reader accepts; appends stay far below it (see `checkAuditEvent`). */
export const MAX_ENTRY_BYTES = 64 * 1024;

/** One entry of the chain, as stored (RFC 8785 canonical JSON) under `entryKey(seq)`. */
export interface LedgerEntry {
  format: typeof ENTRY_FORMAT;
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  /** sha256 of the previous entry's stored bytes; null for the first entry. */
  previous: string | null;
  /** When the ledger appended the entry (RFC 3339); the event's `at` is when the act took effect. */
  recordedAt: string;
  event: AuditEvent;
}

/** The newest entry of a chain: its position and the sha256 of its stored bytes. */
export interface LedgerHead {
  seq: number;
  sha256: string;
}

/** An entry with the exact bytes that are stored and their sha256, which the next entry records. */
export interface BuiltEntry {
  entry: LedgerEntry;
  bytes: Buffer;
  sha256: string;
}

/**
 * Builds the entry that follows `head` (the first entry when there is none). The stored bytes are the
 * entry's canonical JSON, so its hash is the hash of the file (`sha256sum` checks it) and the same
 * entry always has the same bytes.
 */
export function buildEntry(event: AuditEvent, head: LedgerHead | undefined, recordedAt: string): BuiltEntry {
  const entry: LedgerEntry = { format: ENTRY_FORMAT, seq: head ? head.seq + 1 : 1, previous: head ? head.sha256 : null, recordedAt, event };
  const bytes = Buffer.from(canonicalJson(entry), 'utf8');
  return { entry, bytes, sha256: sha256Hex(bytes) };
}

const ENTRY_KEY = /^entries\/(\d{12})\.json$/;
const SEAL_KEY = /^seals\/(\d{12})\.sigstore\.json$/;

/** The key of entry `seq`: one write-once object per entry, sorted by position. */
export function entryKey(seq: number): string {
  return `entries/${twelveDigits(seq)}.json`;
}

/** The key of the seal over entry `seq`. */
export function sealKey(seq: number): string {
  return `seals/${twelveDigits(seq)}.sigstore.json`;
}

const DIGITS = '0123456789';

/**
 * `seq` as 12 digits with leading zeros, written digit by digit: String(seq) would put every
 * position in V8's number-to-string cache, which keeps each string alive through the young
 * generation's collections, and reading 100,000 entries in a row then grows the heap for nothing.
 */
function twelveDigits(seq: number): string {
  let out = '';
  for (let rest = seq, i = 0; i < 12; i++, rest = Math.floor(rest / 10)) out = DIGITS[rest % 10]! + out;
  return out;
}

/** The position an entry key names, or undefined when the key is not an entry key. */
export function parseEntryKey(key: string): number | undefined {
  const match = ENTRY_KEY.exec(key);
  return match && Number(match[1]) > 0 ? Number(match[1]) : undefined;
}

/** The position a seal key names, or undefined when the key is not a seal key. */
export function parseSealKey(key: string): number | undefined {
  const match = SEAL_KEY.exec(key);
  return match && Number(match[1]) > 0 ? Number(match[1]) : undefined;
}
