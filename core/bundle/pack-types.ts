/**
 * The evidence pack of a release: the files `maestro evidence bundle` gathers beside the release's
 * own artifacts (the decision log of every pull request merged since the previous release, the
 * audit ledger's entries in that range, the drill and drift reports in force, the catalog), under
 * `pack/` in the bundle, each listed and hashed by the signed manifest like any artifact.
 */

/** Folder of the pack inside a bundle. */
export const PACK_DIR = 'pack';
/** The pack's index: what it holds and why, in one file (hashed by the manifest). */
export const PACK_INDEX = `${PACK_DIR}/index.json`;
/** The catalog the release was held against: its canonical JSON, so its sha256 is the catalog digest. */
export const PACK_CATALOG = `${PACK_DIR}/catalog.json`;
/** Format name of the pack index. */
export const PACK_FORMAT = 'maestro-evidence-pack/v1';

/** A pull request merged into the release, as the pack lists it. */
export interface PackPull {
  number: number;
  /** As GitHub had it when the list was made; absent when only decision logs were given. */
  title?: string;
  author?: string;
  /** RFC 3339. */
  openedAt?: string;
  /** RFC 3339. */
  mergedAt?: string;
  /** Paths (in the bundle) of the pull request's decision logs, oldest evaluation first; empty when none was found. */
  decisionLogs: string[];
}

/** A drill or drift report in force at release time: the newest of its kind (and drill) at or before the release. */
export interface PackReport {
  path: string;
  kind: 'drill-report' | 'drift-report';
  /** The drill (restore, worm, incident, ...) of a drill-report. */
  drill?: string;
  status: string;
  /** RFC 3339: the report's createdAt. */
  at: string;
}

/** The audit ledger's entries that came in the release's range, as their stored bytes. */
export interface PackLedger {
  /** The ledger's store URL, without credentials. */
  store: string;
  /** First and last entry in the pack (inclusive); `to` is the head the manifest witnessed. */
  from: number;
  to: number;
  /** Path of entry `seq` is `pack/ledger/<seq, 12 digits>.json`. */
  entries: string[];
}

/** A control the catalog requires evidence for in every release, and what the pack holds for it. */
export interface PackRequirement {
  id: string;
  /** Where its evidence is: artifact paths and decision ids; empty when none. */
  evidence: string[];
}

/** The index of a release's evidence pack (`pack/index.json`). */
export interface PackIndex {
  format: typeof PACK_FORMAT;
  release: string;
  previousRelease: string | null;
  /** The catalog digest decision logs name, and the file holding the controls with its own sha256 (the same unless the catalog records more than its controls, such as their origin). */
  catalog: { digest: string; path: string; sha256: string };
  /** The repository config's digest the release's gate used, from its decision log. */
  config: { digest: string } | null;
  pulls: PackPull[];
  /** Pull requests listed as merged for which no decision log was found. */
  pullsWithoutDecisionLog: number[];
  reports: PackReport[];
  ledger: PackLedger | null;
  /** Controls marked `requiredForRelease`: which have evidence, which lack it, and the override that published without it. */
  required: {
    controls: PackRequirement[];
    missing: string[];
    override: { by: string; reason: string; at: string; controls: string[] } | null;
  };
}
