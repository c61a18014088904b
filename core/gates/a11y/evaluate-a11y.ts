import { IMPACTS, type A11yReportData, type A11yThresholds, type A11yViolation, type ImpactCounts } from './types.js';
import type { AxeRun } from './parse-axe-results.js';

/** The WCAG 2.1 A and AA rule tags the gate runs by default. */
export const DEFAULT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A violation's identity across runs: page path (hosts and ports differ between runs), rule and node. */
function identity(v: Pick<A11yViolation, 'page' | 'rule' | 'target'>): string {
  let path = v.page;
  try {
    const url = new URL(v.page);
    path = `${url.pathname}${url.search}`;
  } catch {
    // not a URL (a results file without one): compare as it is
  }
  return `${path}\u0000${v.rule}\u0000${v.target}`;
}

/** Counts violations by impact. */
export function countByImpact(violations: readonly A11yViolation[]): ImpactCounts {
  const counts: ImpactCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) counts[v.impact]++;
  return counts;
}

/**
 * The a11y report's data: counts per page and in total, every violation, and with a baseline
 * (the base branch's violations) which ones are new; then only new ones count against the thresholds.
 */
export function evaluateA11y(run: AxeRun, baseline?: { ref?: string; violations: readonly A11yViolation[] }): A11yReportData {
  const data: A11yReportData = {
    engine: { name: 'axe-core', version: run.version, ...(run.browser ? { browser: run.browser } : {}) },
    tags: run.tags.length > 0 ? run.tags : DEFAULT_TAGS,
    counts: countByImpact(run.violations),
    pages: run.pages,
    violations: run.violations,
  };
  if (baseline) {
    const known = new Set(baseline.violations.map(identity));
    data.violations = run.violations.map((v) => ({ ...v, new: !known.has(identity(v)) }));
    data.baseline = { ...(baseline.ref ? { ref: baseline.ref.slice(0, 255) } : {}), newCounts: countByImpact(data.violations.filter((v) => v.new)) };
  }
  return data;
}

/** The impacts whose count (new violations when compared with a baseline) is above its threshold, and pages that could not be checked. */
export function a11yFailures(data: A11yReportData, thresholds: A11yThresholds): string[] {
  const counts = data.baseline?.newCounts ?? data.counts;
  const over = IMPACTS.filter((i) => thresholds[i] !== undefined && counts[i] > thresholds[i]!).map((i) => `${counts[i]} ${data.baseline ? 'new ' : ''}${i} (at most ${thresholds[i]})`);
  const broken = data.pages.filter((p) => p.error).map((p) => `${p.url} could not be checked`);
  return [...over, ...broken];
}
