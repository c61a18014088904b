import { formatBytes } from '../util/format-bytes.js';
import { esc } from './escape-html.js';
import { timeTag } from './format-utc.js';
import type { ArtifactRow, ControlRow, DrillRow, LedgerRow, PullRow } from './types.js';

const STATUS_WORDS: Record<ControlRow['status'], string> = {
  met: '✓ met',
  waived: '⚠ waived',
  overridden: '⚠ overridden',
  'not-applicable': '– not applicable',
  failed: '✗ failed',
  'no-decision': '? no decision',
};

/** Search and status filters for a table; hidden until the script runs, the table reads the same without them. */
export function renderFilters(table: string, statuses: string[]): string {
  const options = statuses.map((s) => `<option value="${esc(s)}">${esc(s)}</option>`).join('');
  return `<div class="filters" data-filters="${esc(table)}" hidden>
<label>Search <input type="search" data-filter-text autocomplete="off"></label>
${statuses.length > 0 ? `<label>Status <select data-filter-status><option value="">all</option>${options}</select></label>` : ''}
<p class="count" role="status" data-filter-count></p>
</div>`;
}

/** The controls table: status, who decided, when, why, and the framework clauses. */
export function renderControlsTable(rows: ControlRow[]): string {
  const body = rows.map((r) => `<tr data-status="${esc(r.status)}"><th scope="row">${esc(r.id)}${r.requiredForRelease ? ' <span class="tag">required</span>' : ''}</th><td>${esc(r.title)}</td><td><span class="status s-${esc(r.status)}">${esc(STATUS_WORDS[r.status])}</span></td><td>${esc(r.by ?? '')}</td><td>${timeTag(r.at)}${r.until ? `<br>until ${esc(r.until)}` : ''}</td><td class="why">${esc(r.why ?? '')}</td><td>${esc(r.frameworks.soc2.join(', '))}</td><td>${esc(r.frameworks.iso27001.join(', '))}</td><td>${esc(r.frameworks.ssdf.join(', '))}</td></tr>`).join('\n');
  return `${renderFilters('controls-table', Object.keys(STATUS_WORDS))}
<div class="scroll"><table id="controls-table" data-filterable>
<caption>Every control of the catalog the release was held against, as its gate decided it</caption>
<thead><tr><th scope="col">Control</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Decided by</th><th scope="col">When</th><th scope="col">Why</th><th scope="col">SOC 2</th><th scope="col">ISO 27001</th><th scope="col">SSDF</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** The pull requests table (one page of it); `logHref` turns a decision log's site path into a link from this page. */
export function renderPullsTable(rows: PullRow[], logHref: (path: string) => string, caption: string): string {
  const status = (r: PullRow): string => (r.conclusion === undefined ? 'no decision log' : r.override ? 'overridden' : r.conclusion);
  const body = rows.map((r) => {
    const waivers = r.waivers.map((w) => `${esc(w.control)} by ${esc(w.by)}${w.until ? ` until ${esc(w.until)}` : ''}: ${esc(w.reason)}`).join('<br>');
    const override = r.override ? `by ${esc(r.override.by)} on ${timeTag(r.override.at)}: ${esc(r.override.reason)}` : '';
    return `<tr data-status="${esc(status(r))}"><th scope="row">#${r.number}</th><td>${esc(r.title ?? '')}</td><td>${esc(r.author ?? '')}</td><td>${timeTag(r.openedAt)}</td><td>${timeTag(r.mergedAt)}</td><td><span class="status c-${esc(status(r).replace(/ /g, '-'))}">${esc(status(r))}</span>${r.headline ? `<br><span class="small">${esc(r.headline)}</span>` : ''}</td><td>${override}</td><td>${waivers}</td><td>${r.firstPassAt ? timeTag(r.firstPassAt) : ''}</td><td>${r.decisionLog ? `<a href="${logHref(r.decisionLog)}">decision log</a> (${r.evaluations})` : 'none'}</td></tr>`;
  }).join('\n');
  return `${renderFilters('pulls-table', ['success', 'failure', 'neutral', 'action_required', 'overridden', 'no decision log'])}
<div class="scroll"><table id="pulls-table" data-filterable>
<caption>${esc(caption)}</caption>
<thead><tr><th scope="col">Pull request</th><th scope="col">Title</th><th scope="col">Author</th><th scope="col">Opened</th><th scope="col">Merged</th><th scope="col">Gate</th><th scope="col">Override</th><th scope="col">Waivers</th><th scope="col">First pass</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** The artifacts table with the verifier's word on each file and the in-browser digest check. */
export function renderArtifactsTable(rows: ArtifactRow[], link: (path: string) => string, caption: string): string {
  const body = rows.map((a) => {
    const check = a.check ? (a.check.result === 'pass' ? '<span class="status s-met">✓ matches</span>' : `<span class="status s-failed">✗ ${esc(a.check.detail)}</span>`) : '<span class="status s-no-decision">? not checked</span>';
    const name = a.href ? `<a href="${link(a.href)}">${esc(a.path)}</a>` : `${esc(a.path)}${a.note ? `<br><span class="small">${esc(a.note)}</span>` : ''}`;
    return `<tr data-status="${a.check?.result === 'pass' ? 'matches' : 'differs'}" data-path="${esc(a.path)}" data-sha256="${esc(a.sha256)}"${a.href ? ` data-href="${link(a.href)}"` : ''}><th scope="row">${name}</th><td>${esc(a.kind ?? '')}</td><td>${esc(formatBytes(a.size))}</td><td><code class="digest">${esc(a.sha256)}</code></td><td>${check}</td><td><button type="button" data-digest-fetch hidden>Check in this browser</button><span data-digest-result role="status"></span></td></tr>`;
  }).join('\n');
  return `<div class="digest-check" data-digest-pick-box hidden>
<label for="digest-pick">Check downloaded files against the signed manifest (computed in this browser; nothing is sent anywhere)</label>
<input id="digest-pick" type="file" multiple data-digest-pick>
<div role="status" aria-live="polite" data-digest-out></div>
</div>
${renderFilters('artifacts-table', ['matches', 'differs'])}
<div class="scroll"><table id="artifacts-table" data-filterable>
<caption>${esc(caption)}</caption>
<thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Size</th><th scope="col">sha256 in the signed manifest</th><th scope="col">Verifier</th><th scope="col">Your check</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** The ledger timeline of the release's range. */
export function renderLedgerTable(rows: LedgerRow[]): string {
  if (rows.length === 0) return '<p>No audit ledger entry in this release\'s range.</p>';
  const body = rows.map((r) => `<tr><th scope="row">${r.seq}</th><td>${timeTag(r.recordedAt)}</td><td>${esc(r.action)}</td><td>${esc(r.actor)}</td><td>${timeTag(r.at)}</td><td>${esc(r.subject)}</td><td class="why">${esc(r.reason ?? '')}</td><td>${r.linked ? '<span class="status s-met">✓ links</span>' : '<span class="status s-failed">✗ does not link</span>'}<br><code class="digest">${esc(r.sha256)}</code></td></tr>`).join('\n');
  return `<div class="scroll"><table id="ledger-table">
<caption>Audit ledger entries of the release's range, in chain order</caption>
<thead><tr><th scope="col">Entry</th><th scope="col">Recorded</th><th scope="col">Act</th><th scope="col">By</th><th scope="col">Took effect</th><th scope="col">About</th><th scope="col">Reason</th><th scope="col">Chain</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** The drill and drift reports in force at release time. */
export function renderDrillsTable(rows: DrillRow[], link: (path: string) => string | undefined): string {
  if (rows.length === 0) return '<p>The evidence pack holds no drill or drift report.</p>';
  const body = rows.map((r) => {
    const target = link(r.path);
    return `<tr><th scope="row">${esc(r.drill ? `${r.drill} drill` : 'workflow drift')}</th><td><span class="status ${r.status === 'pass' || r.status === 'clean' ? 's-met' : 's-failed'}">${esc(r.status)}</span></td><td>${timeTag(r.at)}</td><td>${esc(r.detail)}</td><td>${target ? `<a href="${target}">${esc(r.path)}</a>` : esc(r.path)}</td></tr>`;
  }).join('\n');
  return `<div class="scroll"><table id="drills-table">
<caption>Drill and drift reports in force at release time (the newest of each at or before it)</caption>
<thead><tr><th scope="col">Report</th><th scope="col">Status</th><th scope="col">When</th><th scope="col">What it found</th><th scope="col">File</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}
