import type { Control } from '../controls/types.js';
import type { EvidenceReport } from '../evidence/types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';
import { findRequiredEvidence } from './find-required-evidence.js';
import { PACK_CATALOG, PACK_DIR, PACK_FORMAT, PACK_INDEX, type PackIndex, type PackPull, type PackReport } from './pack-types.js';

/** A report read from a folder or store, with its exact bytes (copied into the pack unchanged). */
export interface ReadReport {
  /** Where it was read, for messages. */
  name: string;
  bytes: Buffer;
  report: EvidenceReport;
}

/** A pull request as a list of merged pull requests gives it. */
export interface ListedPull {
  number: number;
  title?: string;
  author?: string;
  openedAt?: string;
  mergedAt?: string;
  /** The head commit it was merged with, where its gate's decision logs are looked for; not recorded in the pack. */
  headSha?: string;
}

/** Everything an evidence pack is made of; the same input always gives the same files. */
export interface PackInput {
  release: string;
  repo: string;
  commit: string;
  /** RFC 3339 time of the release: reports newer than it are not in force at release time. */
  createdAt: string;
  previousRelease: string | null;
  catalog: { controls: Control[]; digest: string };
  /** The release's own artifacts that are evidence reports (`gates/decision-log.json`, `a11y.json`, ...), by bundle path. */
  artifactReports: Array<{ path: string; report: EvidenceReport }>;
  /** Decision logs of pull requests (any number per pull request). */
  decisionLogs: ReadReport[];
  /** The pull requests merged since the previous release; when absent, those the decision logs name. */
  pulls?: ListedPull[];
  /** Drill and drift reports to choose those in force from. */
  reports: ReadReport[];
  /** The ledger's entries after the previous release's witnessed head up to the head this release witnesses. */
  ledger?: { store: string; entries: Array<{ seq: number; bytes: Buffer }> };
  /** Publish although required controls lack evidence: who asked, and why (recorded in the index). */
  overrideRequired?: { by: string; reason: string };
}

/** The files of the pack (the index last) and its index. */
export interface PlannedPack {
  files: Array<{ path: string; bytes: Buffer }>;
  index: PackIndex;
}

/**
 * Plans the evidence pack of a release: the pull requests' decision logs under
 * `pack/pulls/<number>/`, the newest drill report of each drill and the newest drift report of the
 * repository at or before the release under `pack/reports/`, the ledger entries under
 * `pack/ledger/`, the catalog, and the index naming them, with the required controls that lack
 * evidence and the override that published without it.
 */
export function planEvidencePack(input: PackInput): PlannedPack {
  const files: PlannedPack['files'] = [];
  const pulls = planPulls(input, files);
  const reports = planReports(input, files);
  const ledger = input.ledger && input.ledger.entries.length > 0 ? planLedger(input.ledger, files) : null;
  const catalogBytes = Buffer.from(canonicalJson(input.catalog.controls.map(({ source: _source, ...rest }) => rest)));
  files.push({ path: PACK_CATALOG, bytes: catalogBytes });
  const releaseLog = newestReleaseLog(input.artifactReports, input.commit);
  const config = (releaseLog?.report.data as { gate?: { configDigest?: string } } | undefined)?.gate?.configDigest;
  const required = findRequiredEvidence(input.catalog.controls, [...input.artifactReports, ...reports.map((r) => ({ path: r.path, report: r.source }))], releaseLog);
  const missing = required.filter((r) => r.evidence.length === 0).map((r) => r.id);
  const index: PackIndex = {
    format: PACK_FORMAT,
    release: input.release,
    previousRelease: input.previousRelease,
    catalog: { digest: input.catalog.digest, path: PACK_CATALOG, sha256: sha256Hex(catalogBytes) },
    config: config ? { digest: config } : null,
    pulls: pulls.list,
    pullsWithoutDecisionLog: pulls.without,
    reports: reports.map((r) => r.entry),
    ledger,
    required: {
      controls: required,
      missing,
      override: missing.length > 0 && input.overrideRequired ? { ...input.overrideRequired, at: input.createdAt, controls: missing } : null,
    },
  };
  files.push({ path: PACK_INDEX, bytes: Buffer.from(`${JSON.stringify(index, null, 2)}\n`) });
  return { files, index };
}

/** The newest decision log of the release commit among its artifacts: the gate decision the release shipped with. */
export function newestReleaseLog(reports: Array<{ path: string; report: EvidenceReport }>, commit: string): { path: string; report: EvidenceReport } | undefined {
  const logs = reports.filter((r) => r.report.kind === 'decision-log' && r.report.subject.sha === commit);
  return logs.sort((a, b) => evaluatedAt(b.report).localeCompare(evaluatedAt(a.report)) || (a.path < b.path ? -1 : 1))[0];
}

function planPulls(input: PackInput, files: PlannedPack['files']): { list: PackPull[]; without: number[] } {
  const byPull = new Map<number, ReadReport[]>();
  for (const log of input.decisionLogs) {
    const pr = log.report.subject.pr;
    if (log.report.kind !== 'decision-log' || pr === undefined || log.report.subject.repo !== input.repo) continue;
    byPull.set(pr, [...(byPull.get(pr) ?? []), log]);
  }
  const listed: ListedPull[] = input.pulls ?? [...byPull.keys()].map((number) => ({ number }));
  const list: PackPull[] = [];
  const without: number[] = [];
  for (const pull of [...listed].sort((a, b) => a.number - b.number)) {
    const logs = (byPull.get(pull.number) ?? []).sort((a, b) => evaluatedAt(a.report).localeCompare(evaluatedAt(b.report)) || a.report.subject.sha.localeCompare(b.report.subject.sha));
    const paths: string[] = [];
    const taken = new Set<string>();
    for (const log of logs) {
      const path = uniquePath(`${PACK_DIR}/pulls/${pull.number}/${compactTime(evaluatedAt(log.report))}-${log.report.subject.sha.slice(0, 12)}`, '.json', taken);
      files.push({ path, bytes: log.bytes });
      paths.push(path);
    }
    if (paths.length === 0) without.push(pull.number);
    list.push({ number: pull.number, ...pick(pull), decisionLogs: paths });
  }
  return { list, without };
}

function planReports(input: PackInput, files: PlannedPack['files']): Array<{ entry: PackReport; path: string; source: EvidenceReport }> {
  const release = Date.parse(input.createdAt);
  const newest = new Map<string, ReadReport>();
  for (const read of input.reports) {
    const { report } = read;
    if ((report.kind !== 'drill-report' && report.kind !== 'drift-report') || report.subject.repo !== input.repo) continue;
    if (Date.parse(report.createdAt) > release) continue;
    const key = report.kind === 'drill-report' ? `drill-${String((report.data as { drill?: unknown }).drill)}` : 'drift';
    const held = newest.get(key);
    if (!held || report.createdAt > held.report.createdAt || (report.createdAt === held.report.createdAt && read.name < held.name)) newest.set(key, read);
  }
  return [...newest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, read]) => {
    const path = `${PACK_DIR}/reports/${key.replace(/[^A-Za-z0-9._-]/g, '-')}.json`;
    files.push({ path, bytes: read.bytes });
    const data = read.report.data as { drill?: string; status?: string };
    return { path, source: read.report, entry: { path, kind: read.report.kind as PackReport['kind'], ...(data.drill ? { drill: data.drill } : {}), status: String(data.status), at: read.report.createdAt } };
  });
}

function planLedger(ledger: NonNullable<PackInput['ledger']>, files: PlannedPack['files']): PackIndex['ledger'] {
  const entries = [...ledger.entries].sort((a, b) => a.seq - b.seq);
  const paths = entries.map((e) => {
    const path = `${PACK_DIR}/ledger/${String(e.seq).padStart(12, '0')}.json`;
    files.push({ path, bytes: e.bytes });
    return path;
  });
  return { store: ledger.store, from: entries[0]!.seq, to: entries[entries.length - 1]!.seq, entries: paths };
}

function pick(pull: ListedPull): Omit<ListedPull, 'number'> {
  return Object.fromEntries((['title', 'author', 'openedAt', 'mergedAt'] as const).filter((k) => pull[k] !== undefined).map((k) => [k, pull[k]]));
}

function evaluatedAt(report: EvidenceReport): string {
  return (report.data as { gate?: { evaluatedAt?: string } }).gate?.evaluatedAt ?? report.createdAt;
}

/** 2026-11-20T11:00:00.123Z as 20261120T110000Z: bundle paths allow no colon. */
function compactTime(time: string): string {
  const d = new Date(time);
  return Number.isNaN(d.getTime()) ? 'undated' : d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** A path not yet taken (two evaluations of one commit in the same second get -2, -3, ...). */
function uniquePath(stem: string, ext: string, taken: Set<string>): string {
  let path = `${stem}${ext}`;
  for (let n = 2; taken.has(path); n++) path = `${stem}-${n}${ext}`;
  taken.add(path);
  return path;
}
