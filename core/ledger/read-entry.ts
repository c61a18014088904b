import { parseJsonText } from '../evidence/parse-json-text.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { validateLedgerEntry } from '../generated/ledger-validators.js';
import { sha256Hex } from '../util/sha256.js';
import type { LedgerEntry } from './build-entry.js';

/** One stored version of an entry object: its bytes, or why they could not be read. */
export interface StoredVersion {
  bytes?: Buffer;
  /** Why the version was not read (a symbolic link, too large), naming the file. */
  unreadable?: string;
  versionId?: string;
  /** The version's lock, on stores that lock (S3 Object Lock). */
  retention?: { mode: string; retainUntil: string };
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

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses one stored version into an entry, or says why it is not one. An entry must be exactly the
 * canonical JSON of its value, which also rules out a repeated key (canonical JSON has each key
 * once); the thorough parser runs only to describe bytes that are no JSON. Called once per entry
 * of ledgers of 100,000 entries, it allocates little: one decode, one parse, one canonical form.
 */
export function readEntry(key: string, version: StoredVersion | undefined): { entry: LedgerEntry; sha256: string } | { problem: 'unreadable' | 'changed'; detail: string } {
  if (!version?.bytes) return { problem: 'unreadable', detail: version?.unreadable ?? `${key} has no readable version` };
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(version.bytes);
    value = JSON.parse(text);
  } catch {
    const parsed = parseJsonText(version.bytes);
    return { problem: 'changed', detail: `${key} is ${parsed.ok ? 'not JSON' : parsed.message}: an entry is JSON, so it was overwritten or corrupted` };
  }
  if (!validateLedgerEntry(value)) {
    const issues = toSchemaIssues(validateLedgerEntry.errors ?? [], value).slice(0, 3);
    return { problem: 'changed', detail: `${key} is not a valid ledger entry (${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}): it was edited` };
  }
  if (!isCanonical(value, text)) return { problem: 'changed', detail: `${key} is not the canonical JSON maestro writes (keys reordered or repeated, spaces or a newline added): it was edited` };
  return { entry: value as LedgerEntry, sha256: sha256Hex(version.bytes) };
}

/**
 * True when `text` is exactly the RFC 8785 canonical JSON of `value` (which was parsed from it):
 * keys sorted by UTF-16 code units and each once, no whitespace, strings and numbers as
 * JSON.stringify writes them (RFC 8785 defines them so). Compared in place, without building the
 * canonical form (`canonicalJson` allocates ten times the entry for its intermediate strings).
 */
export function isCanonical(value: unknown, text: string): boolean {
  return matchAt(value, text, 0) === text.length;
}

/** Text JSON.stringify writes as it is between quotes: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Where the canonical form of `value` ends in `text` when it starts at `at`, or -1 when `text` differs. */
function matchAt(value: unknown, text: string, at: number): number {
  if (typeof value === 'string') return matchString(value, text, at);
  if (value === null || typeof value !== 'object') {
    const literal = value === null ? 'null' : value === true ? 'true' : value === false ? 'false' : JSON.stringify(value);
    return literal !== undefined && text.startsWith(literal, at) ? at + literal.length : -1;
  }
  const array = Array.isArray(value);
  if (text.charCodeAt(at) !== (array ? 0x5b : 0x7b)) return -1;
  let next = at + 1;
  if (array) {
    for (let i = 0; i < value.length && next >= 0; i++) next = matchAt(value[i], text, i === 0 ? next : comma(text, next));
  } else {
    const keys = sortedKeys(value as Record<string, unknown>);
    for (let i = 0; i < keys.length && next >= 0; i++) {
      const key = keys[i]!;
      const start = i === 0 ? next : comma(text, next);
      const end = start >= 0 ? matchString(key, text, start) : -1;
      next = end >= 0 && text.charCodeAt(end) === 0x3a ? matchAt((value as Record<string, unknown>)[key], text, end + 1) : -1;
    }
  }
  return next >= 0 && text.charCodeAt(next) === (array ? 0x5d : 0x7d) ? next + 1 : -1;
}

/** A string as JSON.stringify writes it, compared in place when it needs no escape. */
function matchString(value: string, text: string, at: number): number {
  if (PLAIN.test(value)) return text.charCodeAt(at) === 0x22 && text.startsWith(value, at + 1) && text.charCodeAt(at + 1 + value.length) === 0x22 ? at + value.length + 2 : -1;
  const literal = JSON.stringify(value);
  return text.startsWith(literal, at) ? at + literal.length : -1;
}

/** The keys in UTF-16 code unit order; already so (the canonical case) they are not sorted again. */
function sortedKeys(value: Record<string, unknown>): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
  return keys;
}

function comma(text: string, at: number): number {
  return at >= 0 && text.charCodeAt(at) === 0x2c ? at + 1 : -1;
}
