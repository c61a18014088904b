import { MaestroError } from '../../errors.js';
import { IMPACTS, type A11yPage, type A11yViolation, type Impact } from './types.js';

/** What the a11y gate takes from axe-core results: the engine, the tags run, the pages and every violating node. */
export interface AxeRun {
  version: string;
  browser?: string;
  tags: string[];
  pages: A11yPage[];
  violations: A11yViolation[];
}

const TAG = /^[a-z0-9.-]{1,40}$/;
const MAX_PAGES = 1000;
const MAX_VIOLATIONS = 100_000;

/**
 * Reads the results of `axe.run()` for one page, or an array of them (as @axe-core/cli and most
 * test-runner integrations write). Every node of a violation is one violation of the report; a
 * node without a known impact counts as critical, so an unrecognised impact can never pass.
 */
export function parseAxeResults(document: unknown, file: string): AxeRun {
  const results = Array.isArray(document) ? document : [document];
  if (results.length === 0 || results.length > MAX_PAGES) throw invalid(file, '', `holds ${results.length} page results; the gate takes 1 to ${MAX_PAGES}`);
  const run: AxeRun = { version: '', tags: [], pages: [], violations: [] };
  results.forEach((result, index) => {
    const at = Array.isArray(document) ? `/${index}` : '';
    if (!isObject(result) || !Array.isArray(result.violations)) throw invalid(file, `${at}/violations`, 'has no violations array, so it is not axe-core results');
    const engine = isObject(result.testEngine) ? result.testEngine : {};
    run.version ||= typeof engine.version === 'string' ? engine.version.slice(0, 50) : 'unknown';
    const agent = isObject(result.testEnvironment) ? result.testEnvironment.userAgent : undefined;
    if (!run.browser && typeof agent === 'string') run.browser = agent.slice(0, 100);
    const runOnly = isObject(result.toolOptions) && isObject(result.toolOptions.runOnly) ? result.toolOptions.runOnly.values : undefined;
    if (Array.isArray(runOnly)) for (const tag of runOnly) if (typeof tag === 'string' && TAG.test(tag) && !run.tags.includes(tag)) run.tags.push(tag);
    const url = typeof result.url === 'string' ? result.url.slice(0, 2048) : `${file}#${index}`;
    const page: A11yPage = { url, counts: { critical: 0, serious: 0, moderate: 0, minor: 0 } };
    result.violations.forEach((violation: unknown, v: number) => {
      if (!isObject(violation) || typeof violation.id !== 'string' || !Array.isArray(violation.nodes)) throw invalid(file, `${at}/violations/${v}`, 'has a violation without an id and nodes');
      for (const node of violation.nodes as unknown[]) {
        const impact = impactOf(isObject(node) ? node.impact : undefined) ?? impactOf(violation.impact) ?? 'critical';
        page.counts[impact]++;
        if (run.violations.length >= MAX_VIOLATIONS) throw invalid(file, `${at}/violations/${v}`, `has more than ${MAX_VIOLATIONS} violating nodes`);
        run.violations.push({
          rule: violation.id.slice(0, 100),
          impact,
          target: targetOf(isObject(node) ? node.target : undefined).slice(0, 2000),
          helpUrl: typeof violation.helpUrl === 'string' ? violation.helpUrl.slice(0, 2048) : '',
          page: url,
          ...(typeof violation.help === 'string' ? { summary: violation.help.slice(0, 2000) } : {}),
        });
      }
    });
    run.pages.push(page);
  });
  return run;
}

function impactOf(value: unknown): Impact | undefined {
  return (IMPACTS as readonly unknown[]).includes(value) ? (value as Impact) : undefined;
}

/** axe targets are selector lists; a node inside an iframe or shadow root has nested lists, joined as axe's own `>>>`-style path. */
function targetOf(target: unknown): string {
  if (!Array.isArray(target)) return '(unknown)';
  return target.map((part) => (Array.isArray(part) ? part.map(String).join(' >>> ') : String(part))).join(' ');
}

function invalid(file: string, pointer: string, what: string): MaestroError {
  return new MaestroError('SCHEMA_INVALID', `axe results ${file} ${what}${pointer ? ` (at ${pointer})` : ''}`, { file, pointer, remedy: 'pass the JSON of axe.run() results (one object, or an array with one per page).' });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
