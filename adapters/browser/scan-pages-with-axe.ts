import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MaestroError } from '../../core/errors.js';
import type { BrowserScan, PageScan, PageScanner, ScanRequest } from '../../core/ports/page-scanner.js';

/**
 * Scans each page with axe-core in one headless Chromium: opens it in a shared browser context
 * (headers, cookies and the login script's session), waits for the load state and the selector,
 * writes a full-page screenshot, injects axe and runs the given tags. A page that fails (timeout,
 * navigation error, script error) is recorded with its error, so the gate fails closed on it; a
 * browser that cannot start is a BROWSER_FAILED error.
 */
export async function scanPagesWithAxe(request: ScanRequest): Promise<BrowserScan> {
  await mkdir(request.screenshotDir, { recursive: true });
  const browser = await launch(request.executablePath);
  try {
    const context = await browser.newContext({ extraHTTPHeaders: request.headers, bypassCSP: true, viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(request.timeoutMs);
    context.setDefaultNavigationTimeout(request.timeoutMs);
    if (request.cookies.length > 0) {
      const origins = [...new Set(request.urls.map((u) => u.origin))];
      await context.addCookies(origins.flatMap((url) => request.cookies.map((c) => ({ ...c, url }))));
    }
    if (request.loginScript !== undefined) await runLoginScript(context, request);
    const pages: PageScan[] = [];
    for (const [index, url] of request.urls.entries()) pages.push(await scanPage(context, url.href, index, request));
    return { browser: `${browser.browserType().name()} ${browser.version()}`, pages };
  } finally {
    await browser.close();
  }
}

/**
 * The PageScanner port over headless Chromium and axe-core. playwright-core and axe-core are loaded
 * when a scan starts, so importing this costs nothing to runs that read results files.
 */
export const chromiumPageScanner: PageScanner = { browserInstalled: existsSync, scan: scanPagesWithAxe };

async function launch(executablePath: string): Promise<Browser> {
  try {
    // Loaded only to scan: the action installs playwright-core next to its bundle in browser mode only.
    const { chromium } = await import('playwright-core');
    // As root (containers, CI) Chromium's sandbox cannot start: playwright-core then passes --no-sandbox.
    return await chromium.launch({ executablePath, headless: true, chromiumSandbox: false, args: ['--disable-gpu'] });
  } catch (cause) {
    throw new MaestroError('BROWSER_FAILED', `Chromium at ${executablePath} could not start: ${firstLine(cause)}`, {
      remedy: "install playwright-core next to maestro if it is missing, and pass --browser-path with a Chrome or Chromium executable (on Debian: apt-get install chromium, then /usr/bin/chromium); maestro never downloads a browser.",
      cause,
    });
  }
}

/** The login script runs as an async function body in the first page; a script that navigates (a form submit) ends its page, which is then waited for. */
async function runLoginScript(context: BrowserContext, request: ScanRequest): Promise<void> {
  const first = request.urls[0]?.href ?? 'about:blank';
  const page = await context.newPage();
  try {
    await page.goto(first, { waitUntil: request.waitUntil });
    try {
      await page.evaluate(`(async () => {\n${request.loginScript}\n})()`);
    } catch (error) {
      if (!/Execution context was destroyed|navigation/i.test(firstLine(error))) throw error;
    }
    // 'commit' is a navigation state only; after a script the document is what matters.
    await page.waitForLoadState(request.waitUntil === 'commit' ? 'domcontentloaded' : request.waitUntil);
  } catch (cause) {
    throw new MaestroError('BROWSER_FAILED', `the login script failed on ${first}: ${firstLine(cause)}`, { remedy: 'run the script in the browser console on that page to see why; it must finish within --page-timeout.', cause });
  } finally {
    await page.close();
  }
}

async function scanPage(context: BrowserContext, url: string, index: number, request: ScanRequest): Promise<PageScan> {
  const page = await context.newPage();
  const screenshot = `a11y-page-${String(index + 1).padStart(3, '0')}.png`;
  try {
    const response = await page.goto(url, { waitUntil: request.waitUntil });
    if (response && response.status() >= 400) return { url, error: `the server answered HTTP ${response.status()}` };
    if (request.waitForSelector) await page.waitForSelector(request.waitForSelector, { state: 'visible' });
    await page.screenshot({ path: join(request.screenshotDir, screenshot), fullPage: true });
    const results = await withTimeout(runAxe(page, request.tags), request.timeoutMs, 'axe did not finish');
    return { url, results: { ...(results as object), url }, screenshot };
  } catch (error) {
    return { url, error: firstLine(error) };
  } finally {
    await page.close();
  }
}

async function runAxe(page: Page, tags: string[]): Promise<unknown> {
  // Loaded, not bundled: a bundler rewrites module code, and axe.source is the text of that code.
  const { default: axe } = await import('axe-core');
  await page.addScriptTag({ content: axe.source });
  // A string, not a function: the code runs in the page, where axe is the injected global.
  return page.evaluate(`axe.run(document, ${JSON.stringify({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })})`);
}

/** axe.run in a page has no timeout of its own: a page that keeps the main thread busy would hang the gate. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 500) ?? 'unknown error';
}
