import { esc } from './escape-html.js';

/** An RFC 3339 time in UTC with the zone shown: `2026-11-20 12:00:00 UTC`; the input as written when it is no time. */
export function formatUtc(time: string | undefined): string {
  if (!time) return '';
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A `<time>` element with the machine-readable value and the UTC text. */
export function timeTag(time: string | undefined): string {
  if (!time) return '<span class="none">none</span>';
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? esc(time) : `<time datetime="${esc(new Date(ms).toISOString())}">${esc(formatUtc(time))}</time>`;
}
