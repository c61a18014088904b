import { describe, expect, it } from '@jest/globals';
import { buildManifest, serializeManifest } from '../../../core/bundle/build-manifest.js';
import { buildStatement } from '../../../core/bundle/build-statement.js';
import { checkManifestContents, predicateDifferences } from '../../../core/bundle/check-manifest-contents.js';
import { checkOverwrites } from '../../../core/bundle/check-stored-objects.js';
import { diagnoseEnvelope, publicKeyFingerprint } from '../../../core/bundle/diagnose-signature.js';
import { askedByLocation, askedByReleases, checkRelease, locationSegments } from '../../../core/bundle/release-identity.js';
import type { EvidenceItem } from '../../../core/evidence/types.js';

const base = { repo: 'acme/web', release: 'v1.2.0', commit: 'c'.repeat(40), createdAt: '2026-11-20T12:00:00Z', producer: { name: 'maestro evidence bundle', version: '1.0.0' }, previous: null, signed: true };
const log = { path: 'gates/decision-log.json', size: 650, sha256: '1'.repeat(64), kind: 'decision-log' as const };

describe('where the release asked for comes from', () => {
  it.each([
    ['s3://bucket/acme/web/v1.2.0', ['acme', 'web', 'v1.2.0']],
    ['s3://bucket', []],
    ['file:///srv/evidence/v1.2.0%2Brc1', ['srv', 'evidence', 'v1.2.0+rc1']],
    ['file:///srv/evidence/v1.0.0/hotfix', ['srv', 'evidence', 'v1.0.0', 'hotfix']],
  ])('reads the path segments of %s', (url, segments) => {
    expect(locationSegments(url)).toEqual(segments);
  });

  it('takes as many trailing segments as the manifest tag has, or all there are', () => {
    expect(askedByLocation('s3://b/web/v1.0.0/hotfix', 'v1.0.0/hotfix')).toEqual({ tag: 'v1.0.0/hotfix', from: 'location', segments: 2 });
    expect(askedByLocation('s3://b/v2.0.0', 'web/v1.0.0')).toEqual({ tag: 'v2.0.0', from: 'location', segments: 1 });
    expect(askedByLocation('s3://b', 'v1.0.0')).toBeUndefined();
  });

  it('takes the path below a releases root only at a segment boundary', () => {
    expect(askedByReleases('file:///srv/store/web/v1.0.0', 'file:///srv/store')).toEqual({ tag: 'web/v1.0.0', from: 'releases', releases: 'file:///srv/store' });
    expect(askedByReleases('file:///srv/store2/v1.0.0', 'file:///srv/store')).toBeUndefined();
    expect(askedByReleases('s3://b/p/v1.0.0', 's3://b/p/')).toMatchObject({ tag: 'v1.0.0' });
  });

  it('names both releases when they differ', () => {
    expect(checkRelease('v1.0.0', { tag: 'v1.1.0', from: 'location', segments: 1 }, 's3://b/web/v1.1.0')).toEqual({ check: 'release', subject: 'v1.1.0', result: 'fail', detail: 'the manifest is of release v1.0.0, but v1.1.0 was asked for (the last segment of s3://b/web/v1.1.0)' });
  });
});

describe('the contents check', () => {
  const manifest = buildManifest({ ...base, artifacts: [log], gates: { conclusion: 'success', counts: { pass: 1 } } });
  const bytes = serializeManifest(manifest);

  it('keeps the kind of a report that a later, stricter schema finds invalid, and skips its gate summary', () => {
    const drifted: EvidenceItem = { status: 'invalid', ref: { path: log.path, sha256: log.sha256, size: log.size }, kind: 'decision-log', code: 'SCHEMA_INVALID', issues: [] };
    expect(checkManifestContents(manifest, bytes, { items: [{ path: log.path, item: drifted }], complete: true })).toEqual([{ check: 'contents', subject: 'manifest.json', result: 'pass', detail: 'agrees with itself and with its artifacts (subject, artifact order, kinds of 1 report(s), gate summary)' }]);
  });

  it('does not judge the gate summary when a report could not be read back', () => {
    expect(checkManifestContents(manifest, bytes, { items: [], complete: false }).map((c) => c.result)).toEqual(['pass']);
  });
});

describe('the signed statement against the manifest', () => {
  const manifest = buildManifest({ ...base, artifacts: [log] });
  const statement = buildStatement(serializeManifest(manifest), manifest);

  it('repeats release, commit, previous, artifact count, repo and createdAt', () => {
    expect(statement.predicate).toEqual({ release: 'v1.2.0', commit: 'c'.repeat(40), previous: null, artifacts: 1, repo: 'acme/web', createdAt: '2026-11-20T12:00:00Z' });
    expect(predicateDifferences(statement.predicate, manifest)).toEqual([]);
  });

  it('compares only the fields an older statement has', () => {
    expect(predicateDifferences({ release: 'v1.2.0', commit: 'c'.repeat(40), previous: null, artifacts: 1 }, { ...manifest, createdAt: '2030-01-01T00:00:00Z' })).toEqual([]);
  });

  it('reads an envelope that failed to verify for what was changed in it', () => {
    const sha = 'a'.repeat(64);
    const envelope = (payloadType: string, payload: object, keyid = 'SHA256:abc') => ({ dsseEnvelope: { payloadType, payload: Buffer.from(JSON.stringify(payload)).toString('base64'), signatures: [{ keyid, sig: '' }] } });
    const own = { ...statement, subject: [{ name: 'manifest.json', digest: { sha256: sha } }] };
    expect(diagnoseEnvelope(envelope('application/vnd.in-toto+json', own), manifest, sha, 'SHA256:abc')).toEqual(['its payload matches manifest.json, so the signature bytes themselves were changed']);
    expect(diagnoseEnvelope(envelope('text/plain', { ...own, predicate: { ...own.predicate, commit: 'd'.repeat(40) } }, 'SHA256:xyz'), manifest, sha, 'SHA256:abc')).toEqual([
      'its payloadType is "text/plain", not application/vnd.in-toto+json',
      `commit is ${'c'.repeat(40)}, its statement says ${'d'.repeat(40)}`,
      'it names key SHA256:xyz, not the key given (SHA256:abc): another key signed it',
    ]);
    expect(diagnoseEnvelope({ messageSignature: {} }, manifest, sha)).toEqual([]);
    expect(publicKeyFingerprint('not a key')).toBeUndefined();
  });
});

describe('the overwrite check', () => {
  const object = { key: 'reports/notes.txt', size: 14, sha256: '4'.repeat(64), versionId: 'v-first', notes: [] };

  it('names every newer version and delete marker, and what a plain read gets now', () => {
    expect(checkOverwrites({ ...object, overwrites: [] })).toBeUndefined();
    expect(checkOverwrites({ ...object, overwrites: [{ kind: 'version', versionId: 'v-2', size: 13, writtenAt: '2026-11-21T00:00:00.000Z', latest: false }, { kind: 'delete-marker', versionId: 'm-3', writtenAt: '2026-11-22T00:00:00.000Z', latest: true }] })).toEqual({
      check: 'overwrite',
      subject: 'reports/notes.txt',
      result: 'fail',
      detail: 'written over after it was published: a newer version v-2 (13 bytes) written at 2026-11-21T00:00:00.000Z, a delete marker m-3 placed at 2026-11-22T00:00:00.000Z; the newest delete marker hides the object from plain reads; the locked version v-first is still there and is what was verified',
    });
    expect(checkOverwrites({ ...object, overwrites: [{ kind: 'version', versionId: 'v-2', size: 13, latest: true }] })?.detail).toBe('written over after it was published: a newer version v-2 (13 bytes) written; plain reads now get the newer bytes; the locked version v-first is still there and is what was verified');
  });
});
