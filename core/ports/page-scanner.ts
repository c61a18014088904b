import type { ScanSettings } from '../gates/a11y/parse-scan-options.js';

/** What a browser scan needs beyond the checked settings. */
export interface ScanRequest extends ScanSettings {
  executablePath: string;
  /** axe rule tags to run, such as wcag2a. */
  tags: string[];
  /** CSS selector every page must show before it is scanned. */
  waitForSelector?: string;
  /** JavaScript run once in the first page before the scan (a login); the session it leaves is shared by every page. */
  loginScript?: string;
  /** Folder the screenshots are written to, one PNG per page. */
  screenshotDir: string;
}

/** One page's scan: axe results, or why the page could not be scanned. */
export interface PageScan {
  url: string;
  /** The JSON of axe.run() for the page, with its `url`. */
  results?: unknown;
  /** File name of the screenshot, in the screenshot folder. */
  screenshot?: string;
  error?: string;
}

/** A finished scan: the browser that ran it (name and version) and one entry per page, in the order asked. */
export interface BrowserScan {
  browser: string;
  pages: PageScan[];
}

/**
 * Scans web pages with axe-core in a real browser, so the a11y gate can judge pages it was given
 * as URLs (adapters/browser implements it with headless Chromium, loaded only when a scan starts).
 */
export interface PageScanner {
  /** Whether a browser executable is installed at `path`: the default browser is picked among the candidates without starting one. */
  browserInstalled(path: string): boolean;
  /**
   * Scans each page, writing a screenshot of it. A page that fails (timeout, navigation or script
   * error) is recorded with its error so the gate fails closed on it; a browser that cannot start
   * is a `BROWSER_FAILED` MaestroError with the remedy.
   */
  scan(request: ScanRequest): Promise<BrowserScan>;
}
