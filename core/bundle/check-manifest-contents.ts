import type { EvidenceItem, EvidenceReport } from '../evidence/types.js';
import type { EvidencePredicate } from './build-statement.js';
import { MANIFEST_FILE, SIGNATURE_FILE, type EvidenceManifest, type GateSummary } from './types.js';
import type { VerificationCheck } from './render-verification.js';
import { summarizeGates } from './summarize-gates.js';

/** Evidence reports larger than this are bundled without being opened; the same limit as the bundle builder's. */
export const MAX_BUNDLED_REPORT_BYTES = 25 * 1024 * 1024;

/** True for the artifacts the builder opened to learn their kind: `.json` files up to the limit. */
export function isReportCandidate(artifact: { path: string; size: number }): boolean {
  return artifact.path.toLowerCase().endsWith('.json') && artifact.size <= MAX_BUNDLED_REPORT_BYTES;
}

/** A report candidate as read back from the bundle, its bytes matching the manifest; `complete` when every candidate was. */
export interface ReadReports {
  items: Array<{ path: string; item: EvidenceItem }>;
  complete: boolean;
}

/**
 * The manifest against itself and its artifacts, as the builder made it: subject and data name the
 * same commit and tag, artifacts in path order and each once, none under the bundle's own names,
 * each report listed with its kind, and the gate summary that of the release commit's decision log.
 * Every mismatch is a failed `contents` check naming the field; all of them hold, one pass.
 */
export function checkManifestContents(manifest: EvidenceManifest, manifestBytes: Uint8Array, reports: ReadReports): VerificationCheck[] {
  const fail = (subject: string, detail: string): VerificationCheck => ({ check: 'contents', subject, result: 'fail', detail });
  const { data, subject } = manifest;
  const out: VerificationCheck[] = [];
  if (`${JSON.stringify(manifest, null, 2)}\n` !== Buffer.from(manifestBytes).toString('utf8')) out.push(fail(MANIFEST_FILE, 'not laid out as maestro writes manifests (two-space JSON, one final newline): its bytes were re-encoded after it was built'));
  if (subject.sha !== data.commit) out.push(fail('subject.sha', `is ${subject.sha}, but data.commit is ${data.commit}: one of them was changed`));
  if (subject.ref !== `refs/tags/${data.release}`) out.push(fail('subject.ref', `is ${subject.ref ?? 'absent'}, but data.release ${data.release} makes it refs/tags/${data.release}: one of them was changed`));
  if (subject.pr !== undefined) out.push(fail('subject.pr', `names pull request ${subject.pr}; a release manifest is about a tag, not a pull request`));
  if ((data.previous === null) !== (data.previousRelease === undefined)) out.push(fail('data.previousRelease', data.previous === null ? `names ${data.previousRelease} while previous is null: one of them was changed` : 'is missing while previous names a sha256'));
  if (data.signature && data.signature.path !== SIGNATURE_FILE) out.push(fail('data.signature.path', `is ${data.signature.path}; the signature of a bundle is always ${SIGNATURE_FILE}`));
  out.push(...checkArtifactList(manifest));
  out.push(...checkKinds(manifest, reports));
  const gates = checkGates(manifest, reports);
  if (gates) out.push(gates);
  if (out.length > 0) return out;
  const opened = reports.items.length;
  return [{ check: 'contents', subject: MANIFEST_FILE, result: 'pass', detail: `agrees with itself and with its artifacts (subject, artifact order, kinds of ${opened} report(s)${data.gates ? ', gate summary' : ''})` }];
}

function checkArtifactList(manifest: EvidenceManifest): VerificationCheck[] {
  const out: VerificationCheck[] = [];
  const paths = manifest.data.artifacts.map((a) => a.path);
  const seen = new Set<string>();
  for (const [i, path] of paths.entries()) {
    if (seen.has(path)) out.push({ check: 'contents', subject: path, result: 'fail', detail: 'is listed twice in data.artifacts: an entry was added' });
    seen.add(path);
    if (path === MANIFEST_FILE || path === SIGNATURE_FILE) out.push({ check: 'contents', subject: path, result: 'fail', detail: `is listed as an artifact under the name of the bundle's own ${path === MANIFEST_FILE ? 'manifest' : 'signature'}` });
    if (i > 0 && paths[i - 1]! > path) out.push({ check: 'contents', subject: path, result: 'fail', detail: `is listed after ${paths[i - 1]}: the builder lists artifacts in path order, so the list was edited` });
  }
  return out;
}

function checkKinds(manifest: EvidenceManifest, reports: ReadReports): VerificationCheck[] {
  const out: VerificationCheck[] = [];
  const byPath = new Map(reports.items.map((r) => [r.path, r.item]));
  for (const artifact of manifest.data.artifacts) {
    const item = byPath.get(artifact.path);
    if (!item) continue;
    // What the file claims to be; a report valid when built may fail a later, stricter schema, and keeps its kind.
    const claimed = item.status === 'valid' ? item.report.kind : item.kind;
    if (artifact.kind !== undefined && claimed !== artifact.kind) {
      out.push({ check: 'contents', subject: artifact.path, result: 'fail', detail: `is listed as a ${artifact.kind} report, but the file is ${claimed ? `a ${claimed} report` : 'not an evidence report'}: the kind was changed` });
    } else if (artifact.kind === undefined && item.status === 'valid') {
      out.push({ check: 'contents', subject: artifact.path, result: 'fail', detail: `is a ${item.report.kind} report, but the manifest lists no kind for it: the kind was removed` });
    }
  }
  return out;
}

/** The gate summary against the release commit's decision logs; nothing when one could not be read back. */
function checkGates(manifest: EvidenceManifest, reports: ReadReports): VerificationCheck | undefined {
  const logs = manifest.data.artifacts.filter((a) => a.kind === 'decision-log');
  const valid = reports.items.flatMap((r) => (r.item.status === 'valid' ? [{ path: r.path, report: r.item.report as EvidenceReport }] : []));
  if (!reports.complete || logs.some((l) => !valid.some((v) => v.path === l.path))) return undefined;
  const expected = summarizeGates(valid, manifest.data.commit);
  const actual = manifest.data.gates;
  if (sameGates(expected, actual)) return undefined;
  const show = (g: GateSummary | undefined) => (g ? `${g.conclusion} (${Object.entries(g.counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'no decisions'})` : 'no gate summary');
  const source = expected ? `the decision log of commit ${manifest.data.commit} gives ${show(expected)}` : `no decision log among the artifacts is about commit ${manifest.data.commit}`;
  return { check: 'contents', subject: 'data.gates', result: 'fail', detail: `says ${show(actual)}, but ${source}: the summary was changed` };
}

function sameGates(a: GateSummary | undefined, b: GateSummary | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...Object.keys(a.counts), ...Object.keys(b.counts)]) as Set<keyof GateSummary['counts']>;
  return a.conclusion === b.conclusion && [...keys].every((k) => a.counts[k] === b.counts[k]);
}

/**
 * The fields of a statement that differ from the manifest, as `field is X, <says> Y`; empty when
 * they agree. Fields absent from an older statement are not compared.
 */
export function predicateDifferences(predicate: Partial<EvidencePredicate> | undefined, manifest: EvidenceManifest, says = 'the signed statement says'): string[] {
  if (!predicate) return [];
  const actual: EvidencePredicate = { release: manifest.data.release, commit: manifest.data.commit, previous: manifest.data.previous, artifacts: manifest.data.artifacts.length, repo: manifest.subject.repo, createdAt: manifest.createdAt };
  const names: Record<keyof EvidencePredicate, string> = { release: 'release', commit: 'commit', previous: 'previous', artifacts: 'the number of artifacts', repo: 'repo', createdAt: 'createdAt' };
  return (Object.keys(names) as Array<keyof EvidencePredicate>)
    .filter((k) => predicate[k] !== undefined && predicate[k] !== actual[k])
    .map((k) => `${names[k]} is ${String(actual[k])}, ${says} ${String(predicate[k])}`);
}
