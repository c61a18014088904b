import { writeFileSync } from 'node:fs';

/** The end of the synthetic history: the time the SLO tests evaluate at. */
export const HISTORY_END = Date.UTC(2026, 10, 1, 12, 0, 0) / 1000;

/** Error ratio of each synthetic service at `t` seconds before the end of the history. */
const SERVICES: Record<string, (age: number) => number> = {
  steady: () => 0.0005,
  warm: () => 0.0025,
  recovering: () => 0.0015,
  // An incident in the last hour on top of a small steady error rate.
  hot: (age) => (age <= 3600 ? 0.2 : 0.002),
};
const REQUESTS_PER_SECOND = 10;

/**
 * Writes 3 days and 8 hours of http_requests_total history as OpenMetrics for promtool's backfill:
 * one sample a minute, every 15 s in the last 7 hours (enough samples for rate() over 5m). The
 * `idle` service has counters that never move (no traffic). Same content on every call.
 */
export function writeSloHistory(path: string): void {
  const start = HISTORY_END - (3 * 24 + 8) * 3600;
  const times: number[] = [];
  for (let t = start; t <= HISTORY_END; t += HISTORY_END - t <= 7 * 3600 ? 15 : 60) times.push(t);
  const lines = ['# HELP http_requests HTTP requests by outcome.', '# TYPE http_requests counter'];
  for (const [job, errorRatio] of Object.entries(SERVICES)) {
    let good = 0;
    let bad = 0;
    const ok: string[] = [];
    const err: string[] = [];
    times.forEach((t, i) => {
      const step = i === 0 ? 0 : t - times[i - 1]!;
      bad += step * REQUESTS_PER_SECOND * errorRatio(HISTORY_END - t);
      good += step * REQUESTS_PER_SECOND * (1 - errorRatio(HISTORY_END - t));
      ok.push(`http_requests_total{job="${job}",code="200"} ${good.toFixed(4)} ${t}`);
      err.push(`http_requests_total{job="${job}",code="500"} ${bad.toFixed(4)} ${t}`);
    });
    lines.push(...ok, ...err);
  }
  lines.push(...times.map((t) => `http_requests_total{job="idle",code="200"} 5 ${t}`), ...times.map((t) => `http_requests_total{job="idle",code="500"} 0 ${t}`));
  lines.push('# EOF', '');
  writeFileSync(path, lines.join('\n'));
}
