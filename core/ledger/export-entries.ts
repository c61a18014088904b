import type { ChainEntry } from './verify-chain.js';

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
  return entries
    .filter((e) => since === undefined || Date.parse(e.entry.event.at) >= since.getTime())
    .map(({ entry, sha256 }) => ({ seq: entry.seq, sha256, previous: entry.previous, recordedAt: entry.recordedAt, ...entry.event }));
}

/** JSON Lines: one event per line, as Splunk, Elastic and Sentinel ingest them. */
export function renderJsonl(events: ExportedEvent[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/**
 * RFC 4180 CSV with a header row. Text that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with a single quote, so an exported reason such as
 * `=HYPERLINK(...)` stays text when an auditor opens the file.
 */
export function renderCsv(events: ExportedEvent[]): string {
  const rows = events.map((e) => [e.seq, e.recordedAt, e.at, e.action, e.actor, e.repo, e.number, e.sha, e.controlId, e.deliveryId, e.reason, json(e.before), json(e.after), e.sha256, e.previous]);
  return [[...CSV_COLUMNS], ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function csvCell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
