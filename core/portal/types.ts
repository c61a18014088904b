import type { BundleVerification } from '../bundle/render-verification.js';

/** How a control stands in a release. */
export type ControlStatus = 'met' | 'waived' | 'overridden' | 'not-applicable' | 'failed' | 'no-decision';

/** One row of a release's controls table. */
export interface ControlRow {
  id: string;
  title: string;
  status: ControlStatus;
  requiredForRelease: boolean;
  /** Who decided: a login, or the gate's check name. */
  by?: string;
  /** RFC 3339. */
  at?: string;
  /** Why, in the decider's or the gate's words. */
  why?: string;
  /** Until when a waiver holds (YYYY-MM-DD). */
  until?: string;
  frameworks: { soc2: string[]; iso27001: string[]; ssdf: string[] };
}

/** A waiver as a decision log's explanation states it. */
export interface WaiverUse {
  control: string;
  by: string;
  until: string;
  reason: string;
}

/** One pull request of a release, from its decision logs. */
export interface PullRow {
  number: number;
  title?: string;
  author?: string;
  openedAt?: string;
  mergedAt?: string;
  /** The newest evaluation's conclusion; undefined when no decision log was found. */
  conclusion?: string;
  headline?: string;
  override?: { by: string; reason: string; at: string };
  waivers: WaiverUse[];
  /** First evaluation that concluded success (RFC 3339). */
  firstPassAt?: string;
  evaluations: number;
  /** Site-relative path of the newest decision log, when it was copied. */
  decisionLog?: string;
}

/** One artifact of a release. */
export interface ArtifactRow {
  path: string;
  size: number;
  sha256: string;
  kind?: string;
  /** The verifier's word on this file: pass, or the failed check's detail. */
  check: { result: 'pass' | 'fail'; detail: string } | undefined;
  /** Site-relative path of the copy, when one was made. */
  href?: string;
  note?: string;
}

/** One audit ledger entry of the release's range. */
export interface LedgerRow {
  seq: number;
  recordedAt: string;
  action: string;
  actor: string;
  at: string;
  subject: string;
  reason?: string;
  sha256: string;
  /** False when the entry does not link to the one before it or to the witnessed head. */
  linked: boolean;
}

/** A drill or drift report in force at release time. */
export interface DrillRow {
  kind: string;
  drill?: string;
  status: string;
  at: string;
  path: string;
  detail: string;
}

/** Numbers a release contributes to the charts. */
export interface ReleaseMetrics {
  /** Pull requests whose newest evaluation passed without an override, of those with one. */
  passed: number;
  evaluated: number;
  waivers: number;
  overrides: number;
  k6?: { metric: string; p95: number; bound: number };
  slo?: { name: string; burn: number; bound: number };
  /** Hours from each pull request's opening to its first passing gate. */
  leadHours: number[];
}

/** Everything the portal shows about one release. */
export interface ReleaseView {
  release: string;
  repo?: string;
  commit?: string;
  createdAt?: string;
  previousRelease?: string;
  manifestSha256?: string;
  signed: boolean;
  verification: BundleVerification;
  gate?: { conclusion: string; counts: Record<string, number>; evaluatedAt?: string; checkName?: string };
  catalogDigest?: string;
  configDigest?: string;
  requiredOverride?: { by: string; reason: string; at: string; controls: string[] };
  controls: ControlRow[];
  pulls: PullRow[];
  pullsWithoutDecisionLog: number[];
  artifacts: ArtifactRow[];
  ledger: LedgerRow[];
  ledgerNote?: string;
  drills: DrillRow[];
  metrics: ReleaseMetrics;
  /** Files listed by the manifest whose bytes no longer match it: not shown, named here. */
  unreadable: string[];
}

/** How the portal tells readers to verify a release themselves. */
export interface VerifyHints {
  /** The options `maestro verify` needs for the signer, as given to the portal build (`--key release.pub.pem`). */
  signerOptions: string;
  /** The store the bundles came from, without credentials. */
  store: string;
}
