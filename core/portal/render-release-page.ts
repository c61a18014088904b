import { esc, href, up } from './escape-html.js';
import { timeTag } from './format-utc.js';
import { renderPage } from './render-layout.js';
import { releaseCharts } from './release-charts.js';
import { renderArtifactsTable, renderControlsTable, renderDrillsTable, renderLedgerTable, renderPullsTable } from './render-release-tables.js';
import { renderVerification } from './render-verification-section.js';
import { renderVerifyBox } from './render-verify-box.js';
import type { ReleaseView, VerifyHints } from './types.js';

/** Pull requests on the release page itself; the rest on pages of `PULLS_PER_PAGE`. */
export const PULLS_ON_RELEASE_PAGE = 100;
export const PULLS_PER_PAGE = 500;
/** Files per page of the full file list. */
export const FILES_PER_PAGE = 1000;

/** Where a release's pages lie in the site, and how deep. */
export function releaseDir(release: string): string {
  return `releases/${release}`;
}

/** Depth of a release's pages below the site root (`releases/v1/rc1/` is 3). */
export function releaseDepth(release: string): number {
  return 1 + release.split('/').length;
}

/** The pages of one release: its page, the pull request pages and the file pages, as site path and HTML. */
export function renderReleasePages(view: ReleaseView, hints: VerifyHints, builtAt: string): Array<{ path: string; html: string }> {
  const depth = releaseDepth(view.release);
  const link = (sitePath: string): string => `${up(depth)}${href(sitePath)}`;
  const trail = [{ label: view.release }];
  const pullPages = Math.ceil(Math.max(view.pulls.length - PULLS_ON_RELEASE_PAGE, 0) / PULLS_PER_PAGE) > 0 ? Math.ceil(view.pulls.length / PULLS_PER_PAGE) : 0;
  const mainFiles = view.artifacts.filter((a) => !a.path.startsWith('pack/pulls/') && !a.path.startsWith('pack/ledger/'));
  const filePages = Math.ceil(view.artifacts.length / FILES_PER_PAGE);
  const pages: Array<{ path: string; html: string }> = [];
  const body = `${renderHeader(view, link)}
${renderVerification(view)}
<section aria-labelledby="controls-h"><h2 id="controls-h">Controls</h2>
${view.requiredOverride ? `<p class="alert">⚠ Published without the evidence the catalog requires for ${esc(view.requiredOverride.controls.join(', '))}: overridden by ${esc(view.requiredOverride.by)} on ${timeTag(view.requiredOverride.at)} (reason: ${esc(view.requiredOverride.reason)}).</p>` : ''}
${renderControlsTable(view.controls)}</section>
<section aria-labelledby="pulls-h"><h2 id="pulls-h">Pull requests (${view.pulls.length})</h2>
${view.pullsWithoutDecisionLog.length > 0 ? `<p class="alert">⚠ ${view.pullsWithoutDecisionLog.length} merged pull request(s) without a decision log in the pack: ${esc(view.pullsWithoutDecisionLog.map((n) => `#${n}`).join(', '))}.</p>` : ''}
${view.pulls.length === 0 ? '<p>The bundle lists no pull request (built without an evidence pack, or none merged).</p>' : renderPullsTable(view.pulls.slice(0, PULLS_ON_RELEASE_PAGE), link, view.pulls.length > PULLS_ON_RELEASE_PAGE ? `The first ${PULLS_ON_RELEASE_PAGE} pull requests, by number` : 'Pull requests merged into the release, by number')}
${pullPages > 0 ? `<nav aria-label="All pull requests"><p>All ${view.pulls.length} pull requests: ${Array.from({ length: pullPages }, (_, i) => `<a href="pulls-${i + 1}.html">page ${i + 1}</a>`).join(', ')}</p></nav>` : ''}</section>
<section aria-labelledby="charts-h"><h2 id="charts-h">In pictures</h2>${releaseCharts(view)}</section>
<section aria-labelledby="files-h"><h2 id="files-h">Artifacts (${view.artifacts.length})</h2>
${renderArtifactsTable(mainFiles, link, mainFiles.length < view.artifacts.length ? `The release's own files and the pack's index, catalog and reports; the ${view.artifacts.length - mainFiles.length} decision logs and ledger entries are on the file pages` : 'Every file of the bundle, as its signed manifest lists it')}
${mainFiles.length < view.artifacts.length ? `<nav aria-label="All files"><p>All ${view.artifacts.length} files: ${Array.from({ length: filePages }, (_, i) => `<a href="files-${i + 1}.html">page ${i + 1}</a>`).join(', ')}</p></nav>` : ''}</section>
<section aria-labelledby="ledger-h"><h2 id="ledger-h">Audit ledger</h2>
${view.ledgerNote ? `<p>${esc(view.ledgerNote)}</p>` : ''}
${renderLedgerTable(view.ledger)}</section>
<section aria-labelledby="drills-h"><h2 id="drills-h">Drills and drift</h2>
${renderDrillsTable(view.drills, (path) => { const a = view.artifacts.find((x) => x.path === path); return a?.href ? link(a.href) : undefined; })}</section>
${renderVerifyBox(view, hints)}`;
  pages.push({ path: `${releaseDir(view.release)}/index.html`, html: renderPage({ title: `Release ${view.release}: evidence`, depth, body, builtAt, trail }) });
  for (let i = 0; i < pullPages; i++) {
    const rows = view.pulls.slice(i * PULLS_PER_PAGE, (i + 1) * PULLS_PER_PAGE);
    const title = `Release ${view.release}: pull requests, page ${i + 1} of ${pullPages}`;
    const nav = pager('pulls', i + 1, pullPages);
    pages.push({ path: `${releaseDir(view.release)}/pulls-${i + 1}.html`, html: renderPage({ title, depth, builtAt, trail: [{ label: view.release, href: 'index.html' }, { label: `pull requests ${i + 1}` }], body: `<h1>${esc(title)}</h1>${nav}${renderPullsTable(rows, link, `Pull requests ${i * PULLS_PER_PAGE + 1} to ${i * PULLS_PER_PAGE + rows.length} of ${view.pulls.length}, by number`)}${nav}` }) });
  }
  if (mainFiles.length < view.artifacts.length) {
    for (let i = 0; i < filePages; i++) {
      const rows = view.artifacts.slice(i * FILES_PER_PAGE, (i + 1) * FILES_PER_PAGE);
      const title = `Release ${view.release}: files, page ${i + 1} of ${filePages}`;
      const nav = pager('files', i + 1, filePages);
      pages.push({ path: `${releaseDir(view.release)}/files-${i + 1}.html`, html: renderPage({ title, depth, builtAt, trail: [{ label: view.release, href: 'index.html' }, { label: `files ${i + 1}` }], body: `<h1>${esc(title)}</h1>${nav}${renderArtifactsTable(rows, link, `Files ${i * FILES_PER_PAGE + 1} to ${i * FILES_PER_PAGE + rows.length} of ${view.artifacts.length}, in manifest order`)}${nav}` }) });
    }
  }
  return pages;
}

function renderHeader(view: ReleaseView, link: (p: string) => string): string {
  const verdict = view.verification.ok
    ? '<p class="verdict ok"><span aria-hidden="true">✓</span> Verified: every check of <code>maestro verify</code> held.</p>'
    : `<p class="verdict failed" role="alert"><span aria-hidden="true">✗</span> NOT VERIFIED: ${view.verification.checks.filter((c) => c.result === 'fail').length} of ${view.verification.checks.length} checks failed (listed below).</p>`;
  const row = (label: string, value: string): string => `<div><dt>${esc(label)}</dt><dd>${value}</dd></div>`;
  const gate = view.gate ? `${esc(view.gate.conclusion)} (${esc(Object.entries(view.gate.counts).map(([k, n]) => `${k} ${n}`).join(', '))})${view.gate.evaluatedAt ? ` on ${timeTag(view.gate.evaluatedAt)}` : ''}` : 'no decision log of the release commit';
  return `<h1>Release ${esc(view.release)}</h1>
${verdict}
<dl class="facts">
${row('Repository', esc(view.repo ?? 'unknown'))}
${row('Commit', `<code>${esc(view.commit ?? 'unknown')}</code>`)}
${row('Released', timeTag(view.createdAt))}
${row('Previous release', view.previousRelease ? `<a href="${link(`${releaseDir(view.previousRelease)}/index.html`)}">${esc(view.previousRelease)}</a>` : 'none: the first of the chain')}
${row('Manifest sha256', view.manifestSha256 ? `<code class="digest">${esc(view.manifestSha256)}</code>` : 'no manifest')}
${row('Signature', view.signed ? 'manifest.sigstore.json (see the checks)' : 'not signed')}
${row('Release gate', gate)}
${row('Catalog digest', view.catalogDigest ? `<code class="digest">${esc(view.catalogDigest)}</code>` : 'unknown')}
${row('Config digest', view.configDigest ? `<code class="digest">${esc(view.configDigest)}</code>` : 'unknown')}
</dl>`;
}

function pager(stem: string, page: number, pages: number): string {
  const links = Array.from({ length: pages }, (_, i) => (i + 1 === page ? `<span aria-current="page">${i + 1}</span>` : `<a href="${stem}-${i + 1}.html">${i + 1}</a>`)).join(' ');
  return `<nav class="pager" aria-label="Pages"><p>Pages: ${links}</p></nav>`;
}
