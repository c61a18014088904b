import { renderChart } from './render-chart.js';
import type { ReleaseView } from './types.js';

const LEAD_BUCKETS: Array<{ label: string; below: number }> = [
  { label: 'under 1 h', below: 1 },
  { label: '1 to 4 h', below: 4 },
  { label: '4 to 24 h', below: 24 },
  { label: '1 to 3 days', below: 72 },
  { label: '3 to 7 days', below: 168 },
  { label: 'over 7 days', below: Infinity },
];

/** The charts of one release: its controls by status, and how long its pull requests took from opening to a passing gate. */
export function releaseCharts(view: ReleaseView): string {
  const statuses = ['met', 'waived', 'overridden', 'not-applicable', 'failed', 'no-decision'] as const;
  const counts = statuses.map((s) => view.controls.filter((c) => c.status === s).length);
  const buckets = LEAD_BUCKETS.map((b, i) => view.metrics.leadHours.filter((h) => h < b.below && (i === 0 || h >= LEAD_BUCKETS[i - 1]!.below)).length);
  return `<div class="charts">
${renderChart({ id: 'chart-controls', type: 'bar', title: 'Controls by status', desc: `${statuses.map((s, i) => `${counts[i]} ${s}`).join(', ')}.`, labels: [...statuses], labelName: 'Status', series: [{ name: 'controls', values: counts, tone: 1 }], unit: '' })}
${renderChart({ id: 'chart-lead', type: 'bar', title: 'Time from pull request opened to gate passed', desc: view.metrics.leadHours.length === 0 ? 'No pull request has both an opening time and a passing gate.' : `${LEAD_BUCKETS.map((b, i) => `${buckets[i]} ${b.label}`).join(', ')}.`, labels: LEAD_BUCKETS.map((b) => b.label), labelName: 'Time', series: [{ name: 'pull requests', values: buckets, tone: 2 }], unit: '' })}
</div>`;
}

/** The charts across releases, oldest first: gate pass rate, waivers and overrides, k6 p95 and SLO burn against their bounds, lead time. */
export function acrossReleaseCharts(views: ReleaseView[]): string {
  const labels = views.map((v) => v.release);
  const pct = (v: ReleaseView): number | null => (v.metrics.evaluated === 0 ? null : (100 * v.metrics.passed) / v.metrics.evaluated);
  const median = (xs: number[]): number | null => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const some = (xs: Array<number | null>): boolean => xs.some((x) => x !== null);
  const k6 = views.map((v) => v.metrics.k6?.p95 ?? null);
  const slo = views.map((v) => (v.metrics.slo ? v.metrics.slo.burn * 100 : null));
  const charts = [
    renderChart({ id: 'chart-pass', type: 'bar', title: 'Gate pass rate of merged pull requests', desc: 'Share of each release\'s pull requests whose last gate evaluation passed without an override.', labels, series: [{ name: 'passed', values: views.map(pct), tone: 1 }], unit: '%' }),
    renderChart({ id: 'chart-exceptions', type: 'bar', title: 'Waivers and overrides per release', desc: 'Waived controls and overridden gates (pull requests and the release itself) per release.', labels, series: [{ name: 'waivers', values: views.map((v) => v.metrics.waivers), tone: 3 }, { name: 'overrides', values: views.map((v) => v.metrics.overrides), tone: 4 }], unit: '' }),
    some(k6) ? renderChart({ id: 'chart-k6', type: 'line', title: 'k6 p95 latency against its bound', desc: 'The p95 of each release\'s k6 run, in milliseconds, and the threshold it was held to.', labels, series: [{ name: 'p95', values: k6, tone: 2 }], bound: { name: 'bound', values: views.map((v) => v.metrics.k6?.bound ?? null) }, unit: ' ms' }) : '<p>No release holds a k6 summary with a p(95) threshold.</p>',
    some(slo) ? renderChart({ id: 'chart-slo', type: 'line', title: 'SLO error budget burned against the block bound', desc: 'The most burned SLO of each release, as a share of its error budget, and the bound above which releases are blocked.', labels, series: [{ name: 'budget burned', values: slo, tone: 4 }], bound: { name: 'block bound', values: views.map((v) => (v.metrics.slo ? v.metrics.slo.bound * 100 : null)) }, unit: '%' }) : '<p>No release holds an SLO burn report.</p>',
    renderChart({ id: 'chart-lead', type: 'line', title: 'Median time from pull request opened to gate passed', desc: 'Median hours, per release, from a pull request\'s opening to its first passing gate evaluation.', labels, series: [{ name: 'median', values: views.map((v) => median(v.metrics.leadHours)), tone: 1 }], unit: ' h' }),
  ];
  return `<div class="charts">\n${charts.join('\n')}\n</div>`;
}
