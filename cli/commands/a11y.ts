import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { a11yGateFromBrowser } from '../../flows/a11y-gate-from-browser.js';
import { a11yGateFromFiles } from '../../flows/a11y-gate-from-files.js';
import { chromiumPageScanner } from '../../adapters/browser/scan-pages-with-axe.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { cliReportContext } from '../report-context.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Options of `maestro a11y`, as the command line gives them. */
export interface A11yOptions extends GateOutputOptions {
  results?: string;
  url?: string[];
  allowHost?: string[];
  browserPath?: string;
  tag?: string[];
  waitUntil?: string;
  waitFor?: string;
  pageTimeout?: string;
  header?: string[];
  cookie?: string[];
  loginScript?: string;
  screenshots?: string;
  baseline?: string;
  maxCritical?: string;
  maxSerious?: string;
  maxModerate?: string;
  maxMinor?: string;
  catalog?: string;
  config?: string;
  noConfig?: boolean;
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro a11y`: apply the accessibility thresholds to axe-core results, read from a file or produced by scanning pages in Chromium. Returns the exit code. */
export async function a11yCommand(options: A11yOptions): Promise<number> {
  if (options.config && options.noConfig) throw new MaestroError('USAGE', '--config and --no-config cannot be used together', { remedy: 'pass one of them.' });
  const urls = options.url ?? [];
  if ((options.results === undefined) === (urls.length === 0)) throw new MaestroError('USAGE', options.results ? '--results and --url cannot be used together' : 'maestro a11y needs --results or --url', { remedy: 'pass axe results with --results <file>, or the pages to scan with --url <url> (repeatable).' });
  const context = cliReportContext(options);
  const config = options.config ?? (!options.noConfig && existsSync('.github/maestro.yml') ? '.github/maestro.yml' : undefined);
  const max = { critical: options.maxCritical, serious: options.maxSerious, moderate: options.maxModerate, minor: options.maxMinor };
  if (options.results !== undefined) {
    const outcome = await a11yGateFromFiles({ results: options.results, baseline: options.baseline, max, catalog: options.catalog, config }, context, { files: fsInputFiles, loadCatalog });
    return emitGateOutcome(outcome, options, options.results);
  }
  const reportDir = resolve(options.out ? dirname(options.out) : '.');
  const { outcome } = await a11yGateFromBrowser(
    {
      scan: { urls, allowHosts: options.allowHost ?? [], headers: options.header ?? [], cookies: options.cookie ?? [], waitUntil: options.waitUntil, pageTimeout: options.pageTimeout },
      browserPath: options.browserPath,
      tags: options.tag ?? [],
      waitForSelector: options.waitFor,
      loginScript: options.loginScript,
      screenshotDir: resolve(options.screenshots ?? (options.out ? reportDir : 'a11y-screenshots')),
      reportDir,
      baseline: options.baseline,
      max,
      catalog: options.catalog,
      config,
    },
    context,
    process.env,
    { files: fsInputFiles, loadCatalog, scanner: chromiumPageScanner },
  );
  return emitGateOutcome(outcome, options, urls.join(' '));
}
