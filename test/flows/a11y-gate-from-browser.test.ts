import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Catalog } from '../../core/controls/types.js';
import { defaultCatalog } from '../../core/generated/catalog.js';
import type { PageScanner, ScanRequest } from '../../core/ports/page-scanner.js';
import { a11yGateFromBrowser, type A11yBrowserInputs } from '../../flows/a11y-gate-from-browser.js';
import { memoryInputFiles } from '../helpers/memory-input-files.js';

const root = resolve(import.meta.dirname, '../..');
const context = { subject: { repo: 'acme/web', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const [checkout] = JSON.parse(readFileSync(join(root, 'test/fixtures/a11y/axe-results.json'), 'utf8')) as unknown[];

/** A scanner with browsers installed at `installed`: the first page has the checkout's axe results and a screenshot, the others fail to load. */
function scanner(installed: string[]): PageScanner & { requests: ScanRequest[] } {
  const requests: ScanRequest[] = [];
  return {
    requests,
    browserInstalled: (path) => installed.includes(path),
    async scan(request) {
      requests.push(request);
      const pages = request.urls.map((url, i) => (i === 0 ? { url: url.href, results: checkout, screenshot: 'a11y-page-001.png' } : { url: url.href, error: 'the server answered HTTP 503' }));
      return { browser: 'chromium 140.0', pages };
    },
  };
}

const inputs = (overrides: Partial<A11yBrowserInputs> = {}): A11yBrowserInputs => ({
  scan: { urls: ['http://127.0.0.1:4173/checkout'], allowHosts: [], headers: [], cookies: [] },
  tags: [],
  screenshotDir: '/work/out/shots',
  reportDir: '/work/out',
  max: {},
  ...overrides,
});

const catalog = async (): Promise<Catalog> => defaultCatalog;

describe('a11yGateFromBrowser', () => {
  it('launches the first installed browser when none is given and $CHROME_BIN is not installed', async () => {
    const scan = scanner(['/usr/bin/google-chrome-stable', '/usr/bin/chromium']);
    await a11yGateFromBrowser(inputs(), context, { CHROME_BIN: '/opt/chrome' }, { files: memoryInputFiles({}), loadCatalog: catalog, scanner: scan });
    expect(scan.requests[0]!.executablePath).toBe('/usr/bin/google-chrome-stable');
  });

  it('runs the login script read through the files port, and reports screenshots relative to the report folder', async () => {
    const scan = scanner([]);
    const { outcome, screenshots } = await a11yGateFromBrowser(inputs({ loginScript: 'login.js' }), context, {}, { files: memoryInputFiles({ 'login.js': 'document.cookie = "s=1";' }), loadCatalog: catalog, scanner: scan });
    expect(scan.requests[0]).toMatchObject({ loginScript: 'document.cookie = "s=1";', tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], screenshotDir: '/work/out/shots' });
    expect(screenshots).toEqual(['/work/out/shots/a11y-page-001.png']);
    expect(outcome.report.data.pages[0]).toMatchObject({ url: 'http://127.0.0.1:4173/checkout', screenshot: 'shots/a11y-page-001.png' });
    expect(outcome.report.data.engine.browser).toBe('chromium 140.0');
  });

  describe('when a page cannot be scanned', () => {
    it('keeps the error with zero counts and fails the gate, even when every bound allows the violations found', async () => {
      const urls = ['http://127.0.0.1:4173/checkout', 'http://127.0.0.1:4173/down'];
      const max = { critical: '99', serious: '99', moderate: '99', minor: '99' };
      const { outcome } = await a11yGateFromBrowser(inputs({ scan: { urls, allowHosts: [], headers: [], cookies: [] }, max }), context, {}, { files: memoryInputFiles({}), loadCatalog: catalog, scanner: scanner([]) });
      expect(outcome.report.data.pages[1]).toEqual({ url: 'http://127.0.0.1:4173/down', counts: { critical: 0, serious: 0, moderate: 0, minor: 0 }, error: 'the server answered HTTP 503' });
      expect(outcome.verdict).toBe('fail');
    });
  });
});
