const PATTERN = /^P(?!$)(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?=\d)(?:(\d{1,4})H)?(?:(\d{1,4})M)?(?:(\d{1,6})S)?)?$/;

/**
 * Milliseconds in an ISO 8601 duration limited to weeks, days, hours, minutes and whole
 * seconds (`P7D`, `PT12H`, `PT90S`).
 * Months and years are refused: their length depends on the calendar, and a freshness bound must not.
 * Returns `undefined` for anything else.
 */
export function parseDurationMs(text: string): number | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, w, d, h, m, s] = match;
  const minutes = ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0);
  return minutes * 60_000 + Number(s ?? 0) * 1000;
}

/** A short human form of a duration in milliseconds: `3 days`, `5 hours`, `12 minutes`. */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes >= 2 * 1440) return `${Math.floor(minutes / 1440)} days`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
