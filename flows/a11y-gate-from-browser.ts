import { join, relative } from 'node:path';
import type { ReportContext } from '../core/evidence/build-report.js';
import { MaestroError } from '../core/errors.js';
import { DEFAULT_TAGS } from '../core/gates/a11y/evaluate-a11y.js';
import { parseAxeResults, type AxeRun } from '../core/gates/a11y/parse-axe-results.js';
import { parseScanOptions, type ScanOptionsInput } from '../core/gates/a11y/parse-scan-options.js';
import { resolveBrowserPath } from '../core/gates/a11y/resolve-browser-path.js';
import type { A11yReportData } from '../core/gates/a11y/types.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import type { PageScan, PageScanner } from '../core/ports/page-scanner.js';
import { a11yGateFromRun, type A11yGateFiles, type A11yGateIo } from './a11y-gate-from-files.js';

/** The a11y gate's inputs in browser mode: the pages and how to scan them, then the thresholds and baseline as with results files. */
export interface A11yBrowserInputs extends Omit<A11yGateFiles, 'results'> {
  scan: ScanOptionsInput;
  /** Chrome or Chromium executable (default: see resolveBrowserPath). */
  browserPath?: string;
  /** axe rule tags (default: WCAG 2.1 A and AA). */
  tags: string[];
  waitForSelector?: string;
  /** File of JavaScript run once in the first page before the scan. */
  loginScript?: string;
  /** Folder of the screenshots. */
  screenshotDir: string;
  /** Folder of the report: screenshot paths in the report are relative to it. */
  reportDir: string;
}

/** The outcome, and the screenshots written (absolute paths, to upload with the report). */
export interface A11yBrowserOutcome {
  outcome: GateOutcome<A11yReportData>;
  screenshots: string[];
}

/** What a browser scan reads through: the a11y gate's files and catalog, and the browser. */
export interface A11yBrowserIo extends A11yGateIo {
  scanner: PageScanner;
}

const TAG = /^[a-z0-9.-]{1,40}$/;

/** Scans the pages in Chromium with axe-core, then applies the thresholds and the baseline as for results files. */
export async function a11yGateFromBrowser(inputs: A11yBrowserInputs, context: ReportContext, env: NodeJS.ProcessEnv, io: A11yBrowserIo): Promise<A11yBrowserOutcome> {
  const settings = parseScanOptions(inputs.scan);
  const tags = inputs.tags.length > 0 ? inputs.tags : DEFAULT_TAGS;
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) throw new MaestroError('USAGE', `--tag ${JSON.stringify(bad.slice(0, 50))} is not an axe rule tag`, { remedy: 'pass axe tags such as wcag2a, wcag2aa, wcag21aa or best-practice.' });
  const loginScript = inputs.loginScript ? (await io.files.read(inputs.loginScript, 'login script', 1024 * 1024)).toString('utf8') : undefined;
  const scan = await io.scanner.scan({
    ...settings,
    executablePath: resolveBrowserPath(inputs.browserPath, env, (path) => io.scanner.browserInstalled(path)),
    tags,
    waitForSelector: inputs.waitForSelector,
    loginScript,
    screenshotDir: inputs.screenshotDir,
  });
  const run = mergeScans(scan.pages, inputs.screenshotDir, inputs.reportDir);
  run.browser = scan.browser;
  run.tags = tags;
  const screenshots = scan.pages.filter((p) => p.screenshot).map((p) => join(inputs.screenshotDir, p.screenshot!));
  return { outcome: await a11yGateFromRun(run, inputs, context, io), screenshots };
}

/** One run of every page: a page that could not be scanned keeps its error and zero counts, which fails the gate. */
function mergeScans(pages: PageScan[], screenshotDir: string, reportDir: string): AxeRun {
  const run: AxeRun = { version: '', tags: [], pages: [], violations: [] };
  for (const page of pages) {
    const screenshot = page.screenshot ? relative(reportDir, join(screenshotDir, page.screenshot)).slice(0, 500) : undefined;
    if (page.results === undefined) {
      run.pages.push({ url: page.url.slice(0, 2048), counts: { critical: 0, serious: 0, moderate: 0, minor: 0 }, error: (page.error ?? 'not scanned').slice(0, 1000) });
      continue;
    }
    const one = parseAxeResults(page.results, page.url);
    run.version ||= one.version;
    run.pages.push(...one.pages.map((p) => ({ ...p, ...(screenshot ? { screenshot } : {}) })));
    run.violations.push(...one.violations);
  }
  run.version ||= 'unknown';
  return run;
}
