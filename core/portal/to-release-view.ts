import { newestReleaseLog } from '../bundle/plan-evidence-pack.js';
import { PACK_CATALOG, PACK_INDEX, type PackIndex } from '../bundle/pack-types.js';
import type { BundleVerification } from '../bundle/render-verification.js';
import type { EvidenceManifest } from '../bundle/types.js';
import type { Control } from '../controls/types.js';
import { parseJsonText } from '../evidence/parse-json-text.js';
import type { EvidenceReport } from '../evidence/types.js';
import { readDecisionLog, readReport, type DecisionLog } from './read-decision-log.js';
import { k6P95, sloBurn } from './read-release-metrics.js';
import { toControlRows } from './to-control-rows.js';
import { toLedgerRows } from './to-ledger-rows.js';
import { leadHours, toPullRow } from './to-pull-rows.js';
import type { ArtifactRow, DrillRow, ReleaseView } from './types.js';

/** What was read of one release in the store. */
export interface ReleaseSource {
  tag: string;
  verification: BundleVerification;
  manifest?: EvidenceManifest;
  manifestSha256?: string;
  /** Files the manifest lists that were read back with the listed sha256, by bundle path (reports, the pack). */
  files: Map<string, Buffer>;
  /** Listed files that were to be read but whose bytes differ from the manifest (or could not be read). */
  unreadable: string[];
  /** Where each artifact's copy lies in the site (site-relative), or why there is none. */
  copies: Map<string, { href?: string; note?: string }>;
  /** Ledger entries of the release's range read from the live ledger (`--ledger`); else the pack's are used. */
  ledger?: { entries: Array<{ seq: number; bytes: Buffer }>; source: string };
}

/**
 * Everything the portal shows about a release, from what was read of it: the verifier's checks,
 * the controls table from the release's own gate decision, the pull requests from the pack's
 * decision logs, the artifacts with the verifier's word on each, the ledger range, the drills, and
 * the numbers for the charts. Only bytes that match the signed manifest are shown as evidence.
 */
export function toReleaseView(source: ReleaseSource, fallbackCatalog: Control[]): ReleaseView {
  const { manifest, files } = source;
  const json = <T>(path: string): T | undefined => {
    const bytes = files.get(path);
    const parsed = bytes ? parseJsonText(bytes) : undefined;
    return parsed?.ok ? (parsed.value as T) : undefined;
  };
  const pack = json<PackIndex>(PACK_INDEX);
  const catalog = json<Control[]>(PACK_CATALOG) ?? fallbackCatalog;
  const listed = new Map((manifest?.data.artifacts ?? []).map((a) => [a.path, a]));
  const reports = [...files.entries()].flatMap(([path, bytes]) => {
    const artifact = listed.get(path);
    if (!artifact?.kind || path.startsWith('pack/pulls/')) return [];
    const report = readReport(bytes, path);
    return report ? [{ path, report }] : [];
  });
  const releaseLogFile = manifest ? newestReleaseLog(reports, manifest.data.commit) : undefined;
  const releaseLog = releaseLogFile ? readDecisionLog(files.get(releaseLogFile.path)!, releaseLogFile.path) : undefined;
  const pulls = (pack?.pulls ?? []).map((p) => {
    const logs = p.decisionLogs.flatMap((path) => {
      const bytes = files.get(path);
      const log = bytes ? readDecisionLog(bytes, path) : undefined;
      return log ? [log] : [];
    });
    const newest = p.decisionLogs[p.decisionLogs.length - 1];
    return toPullRow({ ...p, logs, ...(newest && source.copies.get(newest)?.href ? { newestHref: source.copies.get(newest)!.href } : {}) });
  });
  const checks = new Map(source.verification.checks.filter((c) => c.check === 'artifact').map((c) => [c.subject, c]));
  const artifacts: ArtifactRow[] = (manifest?.data.artifacts ?? []).map((a) => {
    const check = checks.get(a.path);
    const copy = source.copies.get(a.path);
    return { path: a.path, size: a.size, sha256: a.sha256, ...(a.kind ? { kind: a.kind } : {}), check: check ? { result: check.result, detail: check.detail } : undefined, ...(copy?.href ? { href: copy.href } : {}), ...(copy?.note ? { note: copy.note } : {}) };
  });
  const head = manifest?.data.ledger;
  const ledgerEntries = source.ledger?.entries ?? (pack?.ledger?.entries ?? []).flatMap((path) => {
    const bytes = files.get(path);
    const seq = Number(/(\d{12})\.json$/.exec(path)?.[1]);
    return bytes && seq ? [{ seq, bytes }] : [];
  });
  const ledger = toLedgerRows(ledgerEntries, head);
  const drills: DrillRow[] = (pack?.reports ?? []).map((r) => ({ kind: r.kind, ...(r.drill ? { drill: r.drill } : {}), status: r.status, at: r.at, path: r.path, detail: describeReport(reports.find((x) => x.path === r.path)?.report) }));
  const byKind = (kind: string): EvidenceReport | undefined => reports.filter((r) => r.report.kind === kind && !r.path.startsWith('pack/')).sort((a, b) => b.report.createdAt.localeCompare(a.report.createdAt))[0]?.report;
  const passed = pulls.filter((p) => p.conclusion === 'success' && !p.override).length;
  const waivers = pulls.reduce((n, p) => n + p.waivers.length, 0) + (releaseLog ? releaseLog.decisions.filter((d) => d.result === 'waived' && !d.ruleId.includes('/')).length : 0);
  const overrides = pulls.filter((p) => p.override).length + (releaseLog?.override?.state === 'applied' ? 1 : 0) + (pack?.required.override ? 1 : 0);
  const k6 = k6P95(byKind('k6-summary'));
  const slo = sloBurn(byKind('slo-burn'));
  return {
    release: manifest?.data.release ?? source.tag,
    ...(manifest ? { repo: manifest.subject.repo, commit: manifest.data.commit, createdAt: manifest.createdAt, ...(manifest.data.previousRelease ? { previousRelease: manifest.data.previousRelease } : {}) } : {}),
    ...(source.manifestSha256 ? { manifestSha256: source.manifestSha256 } : {}),
    signed: manifest?.data.signature !== undefined,
    verification: source.verification,
    ...(manifest?.data.gates ? { gate: { ...manifest.data.gates, counts: manifest.data.gates.counts as Record<string, number>, ...(releaseLog ? { evaluatedAt: releaseLog.evaluatedAt, checkName: releaseLog.checkName } : {}) } } : {}),
    ...(pack?.catalog.digest ?? releaseLog?.catalogDigest ? { catalogDigest: pack?.catalog.digest ?? releaseLog?.catalogDigest } : {}),
    ...(pack?.config?.digest ?? releaseLog?.configDigest ? { configDigest: pack?.config?.digest ?? releaseLog?.configDigest } : {}),
    ...(pack?.required.override ? { requiredOverride: pack.required.override } : {}),
    controls: toControlRows(catalog, releaseLog, pack?.required.override ?? undefined),
    pulls,
    pullsWithoutDecisionLog: pack?.pullsWithoutDecisionLog ?? [],
    artifacts,
    ledger,
    ...(ledgerNote(source, head, ledger.length) ? { ledgerNote: ledgerNote(source, head, ledger.length) } : {}),
    drills,
    metrics: { passed, evaluated: pulls.filter((p) => p.conclusion !== undefined).length, waivers, overrides, ...(k6 ? { k6 } : {}), ...(slo ? { slo } : {}), leadHours: leadHours(pulls) },
    unreadable: source.unreadable,
  };
}

function ledgerNote(source: ReleaseSource, head: { seq: number; sha256: string } | undefined, rows: number): string | undefined {
  if (!head) return 'The bundle records no audit ledger head (built without --ledger).';
  const where = source.ledger ? `the ledger at ${source.ledger.source}` : 'the evidence pack';
  if (rows === 0) return `The manifest witnesses ledger entry ${head.seq} (sha256 ${head.sha256}); ${where} holds no entry of the release's range.`;
  return `The manifest witnesses ledger entry ${head.seq} (sha256 ${head.sha256}); entries from ${where}.`;
}

function describeReport(report: EvidenceReport | undefined): string {
  if (!report) return 'report not readable against the manifest';
  const d = report.data as { durationSeconds?: number; targets?: Record<string, unknown>; status?: string; changes?: unknown[]; missingJobs?: unknown[] };
  if (report.kind === 'drill-report') return `took ${d.durationSeconds ?? '?'} s${d.targets ? `; targets ${Object.entries(d.targets).map(([k, v]) => `${k} ${String(v)}`).join(', ')}` : ''}`;
  if (report.kind === 'drift-report') return `${d.changes?.length ?? 0} change(s), ${d.missingJobs?.length ?? 0} missing job(s)`;
  return report.kind;
}

export type { DecisionLog };
