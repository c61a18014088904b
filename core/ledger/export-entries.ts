import type { ChainEntry } from './read-entry.js';

/** One exported event: the entry's place in the chain and the event's fields, flat for SIEM tools. */
export interface ExportedEvent {
  seq: number;
  sha256: string;
  previous: string | null;
  recordedAt: string;
  action: string;
  actor: string;
  at: string;
  repo: string;
  number?: number;
  sha?: string;
  controlId?: string;
  deliveryId?: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** The CSV columns, in order; `before` and `after` hold JSON text. */
export const CSV_COLUMNS = ['seq', 'recorded_at', 'at', 'action', 'actor', 'repo', 'number', 'sha', 'control_id', 'delivery_id', 'reason', 'before', 'after', 'sha256', 'previous'] as const;

/** The events of the chain at or after `since` (by the event's `at`), in chain order. */
export function exportEvents(entries: ChainEntry[], since?: Date): ExportedEvent[] {
  return entries.flatMap((e) => exportEvent(e, since) ?? []);
}

/** One entry as an exported event, or undefined when it took effect before `since`. */
export function exportEvent({ entry, sha256 }: ChainEntry, since?: Date): ExportedEvent | undefined {
  if (since !== undefined && Date.parse(entry.event.at) < since.getTime()) return undefined;
  return { seq: entry.seq, sha256, previous: entry.previous, recordedAt: entry.recordedAt, ...entry.event };
}

/** JSON Lines: one event per line, as Splunk, Elastic and Sentinel ingest them. */
export function renderJsonl(events: ExportedEvent[]): string {
  return events.map(jsonlLine).join('');
}

/** One event as a JSON Lines line. */
export function jsonlLine(event: ExportedEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/**
 * The first line of an export written with --unverified from a ledger that did not verify: a JSON
 * object `{"notVerified": true, "banner": ...}` in JSON Lines, a one-cell row in CSV, so no reader
 * takes the events that follow for verified ones.
 */
export function notVerifiedBanner(format: 'jsonl' | 'csv', reason: string): string {
  const text = `NOT VERIFIED: ${reason}`;
  return format === 'jsonl' ? `${JSON.stringify({ notVerified: true, banner: text })}\n` : `${csvCell(text)}\r\n`;
}

/**
 * RFC 4180 CSV with a header row. Text that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with a single quote, so an exported reason such as
 * `=HYPERLINK(...)` stays text when an auditor opens the file.
 */
export function renderCsv(events: ExportedEvent[]): string {
  return csvHeader() + events.map(csvRow).join('');
}

/** The CSV header row. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.map(csvCell).join(',')}\r\n`;
}

/** One event as a CSV row. */
export function csvRow(e: ExportedEvent): string {
  const row = [e.seq, e.recordedAt, e.at, e.action, e.actor, e.repo, e.number, e.sha, e.controlId, e.deliveryId, e.reason, json(e.before), json(e.after), e.sha256, e.previous];
  return `${row.map(csvCell).join(',')}\r\n`;
}

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function csvCell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return '';
  // JSON.stringify writes a number as String would, without V8's number-to-string cache (see entryKey).
  if (typeof value === 'number') return JSON.stringify(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
