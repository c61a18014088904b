/** axe-core impact levels, most severe first. */
export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;

/** One axe-core impact level. */
export type Impact = (typeof IMPACTS)[number];

/** Violations by impact. */
export type ImpactCounts = Record<Impact, number>;

/** One offending node of one rule on one page, as the a11y report records it. */
export interface A11yViolation {
  rule: string;
  impact: Impact;
  target: string;
  helpUrl: string;
  page: string;
  summary?: string;
  new?: boolean;
}

/** One page's results. */
export interface A11yPage {
  url: string;
  counts: ImpactCounts;
  screenshot?: string;
  error?: string;
}

/** Largest number of violations of each impact that still passes; undefined means no bound. */
export type A11yThresholds = Partial<Record<Impact, number>>;

/** `data` of an a11y report. */
export interface A11yReportData {
  engine: { name: 'axe-core'; version: string; browser?: string };
  tags: string[];
  counts: ImpactCounts;
  baseline?: { ref?: string; newCounts: ImpactCounts };
  pages: A11yPage[];
  violations: A11yViolation[];
}
