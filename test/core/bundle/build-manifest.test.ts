import { describe, expect, it } from '@jest/globals';
import { buildManifest, checkReleaseTag, serializeManifest } from '../../../core/bundle/build-manifest.js';
import { checkBundlePath } from '../../../core/bundle/check-bundle-path.js';
import { summarizeGates } from '../../../core/bundle/summarize-gates.js';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import type { EvidenceReport } from '../../../core/evidence/types.js';
import { makeReport } from '../../helpers/build-evidence.js';

const base = { repo: 'acme/web', release: 'v1.2.0', commit: 'c'.repeat(40), createdAt: '2026-11-20T12:00:00Z', producer: { name: 'maestro evidence bundle', version: '1.0.0' }, previous: null, signed: true };
const a = { path: 'b/report.json', size: 10, sha256: '1'.repeat(64), kind: 'a11y' as const };
const b = { path: 'a.txt', size: 3, sha256: '2'.repeat(64) };

describe('buildManifest', () => {
  it('gives the same bytes whatever the order of the artifacts', () => {
    expect(serializeManifest(buildManifest({ ...base, artifacts: [a, b] })).equals(serializeManifest(buildManifest({ ...base, artifacts: [b, a] })))).toBe(true);
  });

  it('is a valid evidence-manifest report with the chain link and the signature entry', () => {
    const manifest = buildManifest({ ...base, artifacts: [a, b], previous: { sha256: 'f'.repeat(64), release: 'v1.1.0' }, gates: { conclusion: 'success', counts: { pass: 3 } } });
    const item = parseEvidence(serializeManifest(manifest), 'manifest.json');
    expect(item.status).toBe('valid');
    expect(manifest.data).toMatchObject({ previous: 'f'.repeat(64), previousRelease: 'v1.1.0', signature: { path: 'manifest.sigstore.json', format: 'sigstore-bundle' } });
    expect(manifest.data.artifacts.map((x) => x.path)).toEqual(['a.txt', 'b/report.json']);
  });

  it('writes previous: null and no tag for the first release', () => {
    const manifest = buildManifest({ ...base, artifacts: [], signed: false });
    expect(manifest.data.previous).toBeNull();
    expect('previousRelease' in manifest.data || 'signature' in manifest.data).toBe(false);
  });

  it('refuses an artifact listed twice', () => {
    expect(() => buildManifest({ ...base, artifacts: [b, b] })).toThrow(expect.objectContaining({ code: 'ARTIFACT_REFUSED' }));
  });
});

describe('checkBundlePath', () => {
  it.each(['../etc/passwd', 'a/../../b', './a', 'a//b', '/abs', 'a b', 'manifest.json', 'manifest.sigstore.json', ''])('refuses %j', (path) => {
    expect(() => checkBundlePath(path)).toThrow(expect.objectContaining({ code: 'ARTIFACT_REFUSED' }));
  });

  it.each(['a.txt', 'reports/a11y.json', 'x/manifest.json', 'sbom/app@1.0,linux+amd64=x.spdx'])('accepts %j', (path) => {
    expect(() => checkBundlePath(path)).not.toThrow();
  });
});

describe('checkReleaseTag', () => {
  it.each(['v1/../../x', '-v1', '', 'v 1', 'a'.repeat(129)])('refuses %j', (tag) => {
    expect(() => checkReleaseTag(tag)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('summarizeGates', () => {
  const log = (sha: string, conclusion: string, evaluatedAt: string, results: string[]) => ({
    path: `${sha}-${evaluatedAt}.json`,
    report: makeReport('decision-log', { gate: { checkName: 'x', conclusion, evaluatedAt, catalogDigest: 'd'.repeat(64) }, decisions: results.map((result) => ({ result })) }, { sha }) as unknown as EvidenceReport,
  });

  it('counts the decisions of the newest evaluation of the release commit', () => {
    const reports = [log('c'.repeat(40), 'failure', '2026-11-20T10:00:00Z', ['fail']), log('c'.repeat(40), 'success', '2026-11-20T11:00:00Z', ['pass', 'pass', 'waived']), log('e'.repeat(40), 'failure', '2026-11-20T12:00:00Z', ['fail'])];
    expect(summarizeGates(reports, 'c'.repeat(40))).toEqual({ conclusion: 'success', counts: { pass: 2, waived: 1 } });
  });

  it('is undefined when no decision log is about the commit', () => {
    expect(summarizeGates([log('e'.repeat(40), 'success', '2026-11-20T10:00:00Z', [])], 'c'.repeat(40))).toBeUndefined();
  });
});
