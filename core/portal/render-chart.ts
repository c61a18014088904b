import { esc } from './escape-html.js';

/** One series of a chart; `tone` picks its colour from the stylesheet (`.tone-1` ... `.tone-4`). */
export interface ChartSeries {
  name: string;
  values: Array<number | null>;
  tone: 1 | 2 | 3 | 4;
}

/** A chart: bars (grouped per label) or lines, with an optional bound drawn as a dashed line. */
export interface ChartInput {
  /** Unique on its page: names the title and description for assistive technology. */
  id: string;
  type: 'bar' | 'line';
  title: string;
  /** What the chart shows, in a sentence, for readers who cannot see it. */
  desc: string;
  labels: string[];
  series: ChartSeries[];
  /** What the labels are, as the data table's first column says (default `Release`). */
  labelName?: string;
  /** How values read: `%`, ` h`, ` ms`. */
  unit: string;
  /** A limit the values are held against (k6 p95 bound, SLO block bound), one per label. */
  bound?: { name: string; values: Array<number | null> };
}

const W = 640;
const H = 240;
const PAD = { left: 56, right: 12, top: 16, bottom: 44 };

/**
 * A chart as inline SVG drawn at build time: no script, no library, readable by assistive technology
 * through its `<title>` and `<desc>`, with the numbers in a table below it (inside `<details>`), so
 * nothing is only in the picture. Values that are null (no data for a release) leave a gap.
 */
export function renderChart(chart: ChartInput): string {
  const all = [...chart.series.flatMap((s) => s.values), ...(chart.bound?.values ?? [])].filter((v): v is number => v !== null && Number.isFinite(v));
  const max = niceMax(Math.max(0, ...all));
  const n = Math.max(chart.labels.length, 1);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (plotW * (i + 0.5)) / n;
  const y = (v: number): number => PAD.top + plotH - (max === 0 ? 0 : (plotH * v) / max);
  const fmt = (v: number | null): string => (v === null ? 'no data' : `${round(v)}${chart.unit}`);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => `<g class="grid"><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(max * f)}" y2="${y(max * f)}"/><text x="${PAD.left - 6}" y="${y(max * f) + 4}" text-anchor="end">${esc(`${round(max * f)}${chart.unit}`)}</text></g>`).join('');
  const every = Math.ceil(n / 12);
  const ticks = chart.labels.map((l, i) => (i % every === 0 ? `<text class="tick" x="${x(i)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${esc(l.length > 12 ? `${l.slice(0, 11)}…` : l)}</text>` : '')).join('');
  let marks = '';
  if (chart.type === 'bar') {
    const groupW = (plotW / n) * 0.8;
    const barW = groupW / Math.max(chart.series.length, 1);
    marks = chart.series.map((s, si) => s.values.map((v, i) => (v === null ? '' : `<rect class="tone-${s.tone}" x="${round(x(i) - groupW / 2 + si * barW)}" y="${round(y(v))}" width="${round(Math.max(barW - 1, 1))}" height="${round(Math.max(y(0) - y(v), 0))}"><title>${esc(`${chart.labels[i]}: ${s.name} ${fmt(v)}`)}</title></rect>`)).join('')).join('');
  } else {
    marks = chart.series.map((s) => `${polyline(s.values, x, y, `line tone-${s.tone}`)}${s.values.map((v, i) => (v === null ? '' : `<circle class="tone-${s.tone}" cx="${round(x(i))}" cy="${round(y(v))}" r="3"><title>${esc(`${chart.labels[i]}: ${s.name} ${fmt(v)}`)}</title></circle>`)).join('')}`).join('');
  }
  const bound = chart.bound ? polyline(chart.bound.values, x, y, 'bound') : '';
  const legend = [...chart.series.map((s) => `<li><span class="key tone-${s.tone}" aria-hidden="true"></span>${esc(s.name)}</li>`), ...(chart.bound ? [`<li><span class="key bound-key" aria-hidden="true"></span>${esc(chart.bound.name)} (dashed)</li>`] : [])].join('');
  const head = `<tr><th scope="col">${esc(chart.labelName ?? 'Release')}</th>${chart.series.map((s) => `<th scope="col">${esc(s.name)}</th>`).join('')}${chart.bound ? `<th scope="col">${esc(chart.bound.name)}</th>` : ''}</tr>`;
  const rows = chart.labels.map((l, i) => `<tr><th scope="row">${esc(l)}</th>${chart.series.map((s) => `<td>${esc(fmt(s.values[i] ?? null))}</td>`).join('')}${chart.bound ? `<td>${esc(fmt(chart.bound.values[i] ?? null))}</td>` : ''}</tr>`).join('');
  return `<figure class="chart">
<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${chart.id}-t ${chart.id}-d" focusable="false"><title id="${chart.id}-t">${esc(chart.title)}</title><desc id="${chart.id}-d">${esc(chart.desc)}</desc>${grid}<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}"/>${marks}${bound}${ticks}</svg>
<figcaption>${esc(chart.title)}<ul class="legend">${legend}</ul></figcaption>
<details><summary>The numbers of “${esc(chart.title)}”</summary><div class="scroll"><table><caption class="visually-hidden">${esc(chart.title)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table></div></details>
</figure>`;
}

/** A polyline through the points that have values, broken where a value is missing. */
function polyline(values: Array<number | null>, x: (i: number) => number, y: (v: number) => number, cls: string): string {
  const runs: string[][] = [[]];
  values.forEach((v, i) => (v === null ? runs.push([]) : runs[runs.length - 1]!.push(`${round(x(i))},${round(y(v))}`)));
  return runs.filter((r) => r.length > 0).map((r) => (r.length === 1 ? `<polyline class="${cls}" points="${r[0]} ${r[0]}"/>` : `<polyline class="${cls}" points="${r.join(' ')}"/>`)).join('');
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten at or above `v` (a round top for the axis). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v)!;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
