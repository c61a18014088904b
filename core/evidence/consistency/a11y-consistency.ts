import { IMPACTS, type A11yReportData, type ImpactCounts } from '../../gates/a11y/types.js';
import type { EvidenceIssue } from '../types.js';
import { issue, plural, tally } from './consistency-words.js';

/**
 * An a11y report's totals against its details: `counts` is the sum of the pages' counts; where the
 * report lists violations, every count (the total, each page's, and the baseline's new ones) is the
 * number of listed violations of that impact; new violations are never more than all of them.
 */
export function a11yConsistency(data: A11yReportData): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  const fromPages = sum(data.pages.map((p) => p.counts));
  for (const i of IMPACTS) {
    if (data.counts[i] !== fromPages[i]) issues.push(issue(`/data/counts/${i}`, `is ${data.counts[i]}, but the pages' counts add up to ${fromPages[i]}`));
  }
  if (data.violations.length > 0) issues.push(...againstViolations(data));
  if (data.baseline) {
    for (const i of IMPACTS) {
      const fresh = data.baseline.newCounts[i];
      if (fresh > data.counts[i]) issues.push(issue(`/data/baseline/newCounts/${i}`, `is ${fresh}, more than the ${data.counts[i]} ${i} violations in all (/data/counts/${i})`));
    }
  }
  return issues;
}

function againstViolations(data: A11yReportData): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  const listed = tally(data.violations, (v) => v.impact);
  for (const i of IMPACTS) {
    const n = listed[i] ?? 0;
    if (data.counts[i] !== n) issues.push(issue(`/data/counts/${i}`, `is ${data.counts[i]}, but the report lists ${plural(n, `${i} violation`)}`));
  }
  if (data.baseline) {
    const fresh = tally(data.violations, (v) => (v.new === true ? v.impact : undefined));
    for (const i of IMPACTS) {
      const n = fresh[i] ?? 0;
      if (data.baseline.newCounts[i] !== n) issues.push(issue(`/data/baseline/newCounts/${i}`, `is ${data.baseline.newCounts[i]}, but the report lists ${plural(n, `new ${i} violation`)}`));
    }
  }
  // Each page's counts against the violations listed on it (a URL checked twice counts once, summed).
  const pageIndex = new Map<string, number>();
  const pageCounts = new Map<string, ImpactCounts>();
  const checks = tally(data.pages, (p) => p.url);
  data.pages.forEach((p, index) => {
    if (!pageIndex.has(p.url)) pageIndex.set(p.url, index);
    pageCounts.set(p.url, sum([pageCounts.get(p.url) ?? sum([]), p.counts]));
  });
  const stray = data.violations.findIndex((v) => !pageCounts.has(v.page));
  if (stray !== -1) issues.push(issue(`/data/violations/${stray}/page`, `is ${JSON.stringify(data.violations[stray]!.page.slice(0, 200))}, which is not the url of any page in /data/pages`));
  const onPage = new Map<string, Partial<ImpactCounts>>();
  for (const v of data.violations) {
    const counts = onPage.get(v.page) ?? {};
    counts[v.impact] = (counts[v.impact] ?? 0) + 1;
    onPage.set(v.page, counts);
  }
  for (const [url, counts] of pageCounts) {
    const found = onPage.get(url) ?? {};
    const i = IMPACTS.find((impact) => counts[impact] !== (found[impact] ?? 0));
    if (!i) continue;
    const value = (checks[url] ?? 1) > 1 ? `adds up to ${counts[i]} with the other pages of this url` : `is ${counts[i]}`;
    issues.push(issue(`/data/pages/${pageIndex.get(url)}/counts/${i}`, `${value}, but the report lists ${plural(found[i] ?? 0, `${i} violation`)} on ${url.slice(0, 200)}`));
  }
  return issues;
}

function sum(list: readonly ImpactCounts[]): ImpactCounts {
  const out: ImpactCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const counts of list) for (const i of IMPACTS) out[i] += counts[i];
  return out;
}
