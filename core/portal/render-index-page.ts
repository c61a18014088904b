import { esc, href } from './escape-html.js';
import { timeTag } from './format-utc.js';
import { renderPage } from './render-layout.js';
import { releaseDir } from './render-release-page.js';
import { acrossReleaseCharts } from './release-charts.js';
import { renderFilters } from './render-release-tables.js';
import type { ReleaseView } from './types.js';

/**
 * The site's front page: every release of the store, newest first, with its verification status
 * (a failed one in red with its failed checks counted, never left out), gate, pull requests,
 * waivers and overrides; then the charts across releases, oldest first.
 */
export function renderIndexPage(views: ReleaseView[], store: string, builtAt: string): string {
  const newestFirst = [...views].reverse();
  const failed = views.filter((v) => !v.verification.ok);
  const rows = newestFirst.map((v) => {
    const fails = v.verification.checks.filter((c) => c.result === 'fail');
    const status = v.verification.ok
      ? '<span class="status s-met">✓ verified</span>'
      : `<span class="status s-failed">✗ NOT VERIFIED</span><br><span class="small">${esc(fails.slice(0, 3).map((c) => `${c.check} ${c.subject}`).join('; '))}${fails.length > 3 ? ` and ${fails.length - 3} more` : ''}</span>`;
    return `<tr data-status="${v.verification.ok ? 'verified' : 'not verified'}"><th scope="row"><a href="${href(releaseDir(v.release), 'index.html')}">${esc(v.release)}</a></th><td>${timeTag(v.createdAt)}</td><td><code>${esc((v.commit ?? '').slice(0, 12))}</code></td><td>${status}</td><td>${esc(v.gate?.conclusion ?? 'none')}</td><td>${v.pulls.length}</td><td>${v.metrics.waivers}</td><td>${v.metrics.overrides}</td><td>${v.artifacts.length}</td></tr>`;
  }).join('\n');
  const summary = failed.length > 0
    ? `<p class="verdict failed" role="alert"><span aria-hidden="true">✗</span> ${failed.length} of ${views.length} release(s) NOT VERIFIED: ${esc(failed.map((v) => v.release).join(', '))}.</p>`
    : `<p class="verdict ok"><span aria-hidden="true">✓</span> All ${views.length} release(s) verified.</p>`;
  const body = `<h1>Release evidence</h1>
<p>Every release bundle in <code>${esc(store)}</code>, each verified with <code>maestro verify</code> when this site was built. Open a release for its controls, pull requests, artifacts, audit ledger and drills, and for the commands to verify it yourself.</p>
${views.length === 0 ? '<p>The store holds no release bundle.</p>' : summary}
<section aria-labelledby="releases-h"><h2 id="releases-h">Releases (${views.length})</h2>
${renderFilters('releases-table', ['verified', 'not verified'])}
<div class="scroll"><table id="releases-table" data-filterable>
<caption>Releases, newest first</caption>
<thead><tr><th scope="col">Release</th><th scope="col">Released</th><th scope="col">Commit</th><th scope="col">Verification</th><th scope="col">Release gate</th><th scope="col">Pull requests</th><th scope="col">Waivers</th><th scope="col">Overrides</th><th scope="col">Files</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></section>
<section aria-labelledby="trends-h"><h2 id="trends-h">Across releases</h2>
${views.length > 0 ? acrossReleaseCharts(views) : ''}</section>`;
  return renderPage({ title: 'Release evidence', depth: 0, body, builtAt });
}
