import { parseJsonText } from '../evidence/parse-json-text.js';
import type { LedgerEntry } from '../ledger/build-entry.js';
import { sha256Hex } from '../util/sha256.js';
import type { LedgerRow } from './types.js';

/**
 * The ledger timeline of a release: its entries in order, each checked to link to the entry before
 * it (the first of the range to nothing only when it is entry 1), the entry at the witnessed head
 * to end in the head's sha256. An entry that does not parse is a row saying so, never dropped.
 */
export function toLedgerRows(entries: Array<{ seq: number; bytes: Uint8Array }>, head?: { seq: number; sha256: string }): LedgerRow[] {
  const rows: LedgerRow[] = [];
  let previous: string | undefined;
  for (const { seq, bytes } of [...entries].sort((a, b) => a.seq - b.seq)) {
    const sha256 = sha256Hex(bytes);
    const parsed = parseJsonText(Buffer.from(bytes));
    const entry = parsed.ok ? (parsed.value as LedgerEntry) : undefined;
    if (!entry?.event || entry.seq !== seq) {
      rows.push({ seq, recordedAt: '', action: 'unreadable entry', actor: '', at: '', subject: '', sha256, linked: false });
      previous = sha256;
      continue;
    }
    const e = entry.event;
    const linksBack = previous !== undefined ? entry.previous === previous : seq === 1 ? entry.previous === null : true;
    const endsAtHead = head && head.seq === seq ? head.sha256 === sha256 : true;
    const subject = [e.repo, e.number !== undefined ? `#${e.number}` : '', e.sha ? e.sha.slice(0, 12) : '', e.controlId ?? '', releaseOf(e.after)].filter(Boolean).join(' ');
    rows.push({ seq, recordedAt: entry.recordedAt, action: e.action, actor: e.actor, at: e.at, subject, ...(e.reason ? { reason: e.reason } : {}), sha256, linked: linksBack && endsAtHead });
    previous = sha256;
  }
  return rows;
}

function releaseOf(after: unknown): string {
  const release = (after as { release?: unknown } | undefined)?.release;
  return typeof release === 'string' ? `release ${release}` : '';
}
