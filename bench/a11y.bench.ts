/**
 * Accessibility scan throughput on one Chromium: `npx tsx bench/a11y.bench.ts [pages]`. Debian's
 * chromium (scripts/services/chromium-start.sh), a sample page served on loopback by this process,
 * and one `a11yGateFromBrowser` over `pages` URLs of it: launch, per page load + full-page
 * screenshot + axe (WCAG 2.1 A/AA), then the evaluation and the report. Prints pages per minute.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { a11yGateFromBrowser } from '../flows/a11y-gate-from-browser.js';
import { chromiumPageScanner } from '../adapters/browser/scan-pages-with-axe.js';
import { loadCatalog } from '../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../adapters/fs/read-input-file.js';
import { resolveReportContext } from '../adapters/fs/resolve-report-context.js';
import { ROOT } from './lib.js';

const count = Number(process.argv[2] ?? 30);
const dir = join(ROOT, '.services');
mkdirSync(dir, { recursive: true });
const out = execFileSync('flock', ['--close', join(dir, 'chromium.lock'), 'bash', join(ROOT, 'scripts/services/chromium-start.sh'), join(dir, 'chromium')], { encoding: 'utf8' });
const browserPath = /CHROMIUM_PATH=(\S+)/.exec(out)![1]!;

// A typical content page: header, navigation, 40 paragraphs, a form and a few known violations.
const rows = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} with <a href="/p/${i}">a link</a> and some text to lay out.</p>`).join('');
const page = `<!doctype html><html lang="en"><head><title>Sample</title></head><body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header><main><h1>Sample</h1>${rows}<form><label for="q">Search</label><input id="q"><button>Go</button></form><img src="a.png"><p style="color:#aaa">faint</p></main></body></html>`;
const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const shots = mkdtempSync(join(tmpdir(), 'maestro-a11y-bench-'));

const started = process.hrtime.bigint();
const { outcome } = await a11yGateFromBrowser(
  {
    scan: { urls: Array.from({ length: count }, (_, i) => `${base}/page-${i}`), allowHosts: [], headers: [], cookies: [] },
    browserPath,
    tags: [],
    screenshotDir: shots,
    reportDir: shots,
    max: {},
  },
  resolveReportContext('maestro-cli', { repo: 'acme/web', sha: 'a'.repeat(40) }, {}),
  process.env,
  { files: fsInputFiles, loadCatalog, scanner: chromiumPageScanner },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
server.close();
console.log(`${count} pages in ${seconds.toFixed(1)} s = ${((count / seconds) * 60).toFixed(0)} pages/min (launch included), ${outcome.report.data.violations.length} violations; ${cpus().length} CPUs, ${outcome.report.data.engine.browser}`);
