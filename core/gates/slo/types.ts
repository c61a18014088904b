/** The thresholds of the SLO policy on the fraction of the window's error budget consumed. */
export interface SloPolicy {
  warnAbove: number;
  blockAbove: number;
  releaseBelow: number;
}

/** The seed policy: warn above 20% of the budget burned, block above 30%, lift a block below 10%. */
export const DEFAULT_POLICY: SloPolicy = { warnAbove: 0.2, blockAbove: 0.3, releaseBelow: 0.1 };

/** How an SLO's indicator is queried: good and total events, or the error ratio; `{{window}}` marks the range. */
export type SliQueries = { good: string; total: string } | { errorRatio: string };

/** One SLO, as declared. */
export interface SloDefinition {
  name: string;
  service: string;
  objective: number;
  /** SLO window, such as 30d. */
  window: string;
  sli?: SliQueries;
  /** 1-based line of the SLO's name in its file, for annotations. */
  line?: number;
}

/** A multi-window, multi-burn-rate alert condition (Google SRE workbook, chapter 5). */
export interface BurnAlert {
  name: string;
  longWindow: string;
  shortWindow: string;
  factor: number;
}

/**
 * The workbook's two page-worthy conditions for a 30-day SLO: 2% of the budget in 1 hour (14.4x,
 * checked over 1h and 5m) and 5% in 6 hours (6x, over 6h and 30m).
 */
export const BURN_ALERTS: readonly BurnAlert[] = [
  { name: 'fast burn', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
  { name: 'slow burn', longWindow: '6h', shortWindow: '30m', factor: 6 },
];

/** The burn-rate windows the alerts need. */
export const BURN_WINDOWS = ['5m', '30m', '1h', '6h'] as const;

/** An error ratio read for one window, or why it could not be. */
export type RatioReading = { ok: true; ratio: number } | { ok: false; error: string };

/** Decisions of the SLO gate; `invalid` never passes. */
export type SloDecision = 'ok' | 'warn' | 'block' | 'invalid';

/** One SLO's entry of the slo-burn report. */
export interface SloResult {
  name: string;
  service: string;
  objective: number;
  window: string;
  budgetConsumed: number | null;
  burnRates: Record<string, number>;
  alerts: Array<BurnAlert & { firing: boolean }>;
  decision: SloDecision;
  reason: string;
  queries: { good?: string; total?: string; ratio?: string };
  values?: Record<string, number | null>;
  error?: string;
}

/** `data` of a slo-burn report. */
export interface SloReportData {
  source: { type: 'prometheus' | 'precomputed'; url?: string; at: string };
  policy: SloPolicy;
  slos: SloResult[];
}
