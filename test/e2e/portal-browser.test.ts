import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildPortalStore, EXTRA_PULLS, HOSTILE, TAMPERED, type PortalStore } from '../helpers/portal-fixture.js';
import { tempDir } from '../helpers/release-bundle.js';
import { runMain } from '../helpers/run-main.js';
import { startService } from '../helpers/services.js';

const root = resolve(import.meta.dirname, '../..');
let fx: PortalStore;
let site: string;
let siteUrl: string;
let served: string;
let serve: ChildProcess;
let browser: Browser;
let context: BrowserContext;
const requests: string[] = [];
const dialogs: string[] = [];

/** `maestro portal serve` from the source, as its own process: the command a user runs, until it is stopped. */
function startServe(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const code = "import('./cli/main.ts').then((m) => m.main(process.argv.slice(1)))";
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code, 'portal', 'serve', dir, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ready, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) ready({ child, url });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (status) => fail(new Error(`maestro portal serve exited ${status}: ${err}${out}`)));
  });
}

beforeAll(async () => {
  const executablePath = startService('chromium').CHROMIUM_PATH!;
  fx = await buildPortalStore();
  site = join(tempDir('maestro-site-'), 'site');
  const built = await runMain(['portal', 'build', '--store', fx.store, '--ledger', fx.ledger, '--out', site, '--key', fx.publicKey, '--now', '2026-11-20T12:00:00Z']);
  if (built.code !== 1) throw new Error(`portal build: exit ${built.code}\n${built.stderr}${built.stdout}`);
  siteUrl = pathToFileURL(site).href;
  ({ child: serve, url: served } = await startServe(site));
  browser = await chromium.launch({ executablePath, headless: true, chromiumSandbox: false, args: ['--disable-gpu'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('request', (r) => requests.push(r.url()));
  context.on('page', (p) => p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  serve?.kill('SIGTERM');
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url, { waitUntil: 'load' });
  // The script reveals the filters once it ran: under the pages' own policy, from file:// and http.
  await page.waitForSelector('[data-filters]:not([hidden])', { state: 'attached' });
  expect(errors).toEqual([]);
  return page;
}

const rowsOf = (page: Page, table: string) => page.$$eval(`#${table} tbody tr:not([hidden])`, (rows) => rows.map((r) => Array.from(r.children, (c) => (c as unknown as { innerText: string }).innerText.trim())));

describe('the portal opened from file://', () => {
  it('lists the three releases with the tampered one NOT VERIFIED in red, and filters them', async () => {
    const page = await open(`${siteUrl}/index.html`);
    const rows = await rowsOf(page, 'releases-table');
    expect(rows.map((r) => r[0])).toEqual(['v1.2.0', 'v1.1.0', 'v1.0.0']);
    expect(rows[0]![3]).toContain('NOT VERIFIED');
    expect(rows[0]![3]).toContain(`artifact ${TAMPERED}`);
    expect(rows[1]![3]).toBe('✓ verified');
    expect(await page.$eval('#releases-table tbody tr .s-failed', (e) => (globalThis as unknown as { getComputedStyle(x: unknown): { color: string } }).getComputedStyle(e).color)).toBe('rgb(161, 0, 28)');
    expect(await page.textContent('.verdict.failed')).toContain('1 of 3 release(s) NOT VERIFIED: v1.2.0');
    await page.fill('[data-filters="releases-table"] input', 'v1.1');
    expect((await rowsOf(page, 'releases-table')).map((r) => r[0])).toEqual(['v1.1.0']);
    await page.selectOption('[data-filters="releases-table"] select', 'not verified');
    await page.fill('[data-filters="releases-table"] input', '');
    expect((await rowsOf(page, 'releases-table')).map((r) => r[0])).toEqual(['v1.2.0']);
    expect(await page.$$eval('svg[role="img"] title', (t) => t.map((x) => x.textContent))).toEqual(expect.arrayContaining(['Gate pass rate of merged pull requests', 'Waivers and overrides per release', 'k6 p95 latency against its bound', 'SLO error budget burned against the block bound']));
    await page.close();
  });

  it('follows the links from the index to a release, its previous release and back', async () => {
    const page = await open(`${siteUrl}/index.html`);
    await Promise.all([page.waitForURL(/releases\/v1\.2\.0\/index\.html$/), page.click('#releases-table >> text=v1.2.0')]);
    expect(await page.textContent('h1')).toBe('Release v1.2.0');
    expect(await page.textContent('.verdict')).toContain('NOT VERIFIED: 1 of');
    expect(await page.$$eval('.failed-checks tbody tr', (r) => r.map((x) => x.textContent))).toEqual([expect.stringContaining(`${TAMPERED}changed: sha256 is`)]);
    await Promise.all([page.waitForURL(/releases\/v1\.1\.0\/index\.html$/), page.click('.facts >> text=v1.1.0')]);
    expect(await page.textContent('.verdict')).toContain('Verified');
    await Promise.all([page.waitForURL(/\/index\.html$/), page.click('nav >> text=Releases')]);
    expect(await page.textContent('h1')).toBe('Release evidence');
    await page.close();
  });

  it('every link of every page type leads to a file of the site', async () => {
    for (const path of ['index.html', 'releases/v1.0.0/index.html', 'releases/v1.2.0/index.html', 'releases/v1.2.0/pulls-1.html', 'releases/v1.2.0/files-1.html']) {
      const page = await open(`${siteUrl}/${path}`);
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
      for (const link of links.filter((l) => !l.includes('#'))) {
        expect(link.startsWith(`${siteUrl}/`)).toBe(true);
        expect([link, existsSync(fileURLToPath(link))]).toEqual([link, true]);
      }
      await page.close();
    }
  });

  it('shows each control as met, waived or overridden with who, when and why', async () => {
    const first = await open(`${siteUrl}/releases/v1.0.0/index.html`);
    const ga25 = (await rowsOf(first, 'controls-table')).find((r) => r[0] === 'GA-25')!;
    expect(ga25.slice(2, 5)).toEqual(['⚠ waived', 'alice', '2026-10-01 11:00:00 UTC\nuntil 2026-12-31']);
    expect(ga25[5]).toBe(HOSTILE);
    expect(ga25.slice(6)).toEqual(['CC8.1', 'A.8.26, A.8.29', 'PW.8.2']);
    const second = await open(`${siteUrl}/releases/v1.1.0/index.html`);
    const controls = await rowsOf(second, 'controls-table');
    expect(controls.find((r) => r[0] === 'GA-25')!.slice(2, 6)).toEqual(['⚠ overridden', 'carol', '2026-10-15 10:30:00 UTC', 'ship the outage fix now (the control was fail: a11y: 2 critical violations)']);
    expect(controls.find((r) => r[0] === 'GA-01')!.slice(2, 4)).toEqual(['✓ met', 'Enforce GA Gates Evidence']);
    expect(controls.find((r) => r[0] === 'GA-26')![2]).toBe('– not applicable');
    await second.selectOption('[data-filters="controls-table"] select', 'overridden');
    expect((await rowsOf(second, 'controls-table')).map((r) => r[0])).toEqual(['GA-25']);
    const pulls = await rowsOf(second, 'pulls-table');
    expect(pulls.find((r) => r[0] === '#6')!.slice(5, 7)).toEqual(['overridden\nall applicable controls pass', expect.stringMatching(/^by carol on 2026-10-\d\d \d\d:00:00 UTC: outage fix <script>/)]);
    await first.close();
    await second.close();
  });

  it('shows hostile titles and reasons as text: no markup, no script, no dialog', async () => {
    for (const path of ['releases/v1.0.0/index.html', 'releases/v1.1.0/index.html', 'releases/v1.2.0/index.html']) {
      const page = await open(`${siteUrl}/${path}`);
      expect(await page.$$eval('script', (s) => s.map((x) => (x as unknown as { src: string }).src.replace(/^.*\/assets\//, 'assets/')))).toEqual(['assets/portal.js']);
      expect(await page.$$('img, b, [onerror]')).toEqual([]);
      expect(await page.$$eval('a[href^="javascript"]', (a) => a.length)).toBe(0);
      await page.close();
    }
    const page = await open(`${siteUrl}/releases/v1.2.0/index.html`);
    expect((await rowsOf(page, 'pulls-table'))[0]!.slice(0, 2)).toEqual(['#7', HOSTILE]);
    await page.fill('[data-filters="pulls-table"] input', '<script>');
    expect((await rowsOf(page, 'pulls-table')).map((r) => r[0])).toEqual(['#7']);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('lists the pull requests beyond the release page on a page of their own', async () => {
    const page = await open(`${siteUrl}/releases/v1.2.0/pulls-1.html`);
    expect(await page.$$eval('#pulls-table tbody tr', (r) => r.length)).toBe(3 + EXTRA_PULLS);
    await page.close();
  });

  it('checks a picked file against the signed manifest: the published one matches, the tampered one does not', async () => {
    const good = await open(`${siteUrl}/releases/v1.1.0/index.html`);
    await good.setInputFiles('#digest-pick', fx.goodFile);
    await good.waitForSelector('[data-digest-out] p.digest-ok');
    expect(await good.textContent('[data-digest-out]')).toMatch(/^✓ notes\.txt \(sha256 [0-9a-f]{64}\) matches the signed manifest for reports\/notes\.txt$/);
    const bad = await open(`${siteUrl}/releases/v1.2.0/index.html`);
    await bad.setInputFiles('#digest-pick', fx.tamperedFile);
    await bad.waitForSelector('[data-digest-out] p.digest-bad');
    expect(await bad.textContent('[data-digest-out]')).toMatch(/^✗ notes\.txt has sha256 [0-9a-f]{64}; the signed manifest says 206c2eaa[0-9a-f]{56} for reports\/notes\.txt: it is not the file that was published$/);
    const button = bad.locator(`tr[data-path="${TAMPERED}"] [data-digest-fetch]`);
    await button.click();
    expect(await bad.locator(`tr[data-path="${TAMPERED}"] [data-digest-result]`).textContent()).toContain('cannot read other files: download the file and pick it');
    await good.close();
    await bad.close();
  });
});

describe('the portal served by maestro portal serve', () => {
  it('fetches an artifact from the site and checks its sha256 in the browser: good and tampered', async () => {
    const page = await open(`${served}releases/v1.2.0/`);
    const check = async (path: string): Promise<string> => {
      await page.locator(`tr[data-path="${path}"] [data-digest-fetch]`).click();
      const result = page.locator(`tr[data-path="${path}"] [data-digest-result]`);
      await result.filter({ hasText: /sha256/ }).waitFor();
      return (await result.textContent())!;
    };
    expect(await check('perf/k6-summary.json')).toBe('✓ sha256 matches the signed manifest');
    expect(await check(TAMPERED)).toMatch(/^✗ sha256 is [0-9a-f]{64}; the signed manifest says 206c2eaa/);
    await page.close();
  });

  it('passes the accessibility gate on every page type: no critical or serious violation, fewer than 5 minor', async () => {
    const { default: axe } = await import('axe-core');
    const scanContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    scanContext.on('request', (r) => requests.push(r.url()));
    for (const path of ['', 'releases/v1.0.0/', 'releases/v1.1.0/', 'releases/v1.2.0/', 'releases/v1.2.0/pulls-1.html', 'releases/v1.2.0/files-1.html']) {
      const page = await scanContext.newPage();
      await page.goto(`${served}${path}`);
      await page.addScriptTag({ content: axe.source });
      const results = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })`)) as { violations: Array<{ id: string; impact: string; nodes: unknown[] }> };
      const count = (impact: string): number => results.violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
      expect({ path, critical: count('critical'), serious: count('serious'), violations: results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id) }).toEqual({ path, critical: 0, serious: 0, violations: [] });
      expect(count('minor')).toBeLessThan(5);
      await page.close();
    }
    await scanContext.close();
  });

  it('saves a screenshot of a release page for the README', async () => {
    const page = await open(`${served}releases/v1.2.0/`);
    mkdirSync(join(root, 'docs/images'), { recursive: true });
    const png = await page.screenshot({ path: join(root, 'docs/images/portal-release.png') });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});

describe('every request of the browser', () => {
  it('stayed in the site\'s folder or on its own origin', () => {
    expect(requests.length).toBeGreaterThan(20);
    const outside = requests.filter((url) => !url.startsWith(`${siteUrl}/`) && !url.startsWith(served));
    expect(outside).toEqual([]);
  });
});
