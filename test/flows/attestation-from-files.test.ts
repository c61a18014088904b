import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { QuarantineMode } from '../../core/gates/attestation/types.js';
import type { ArtifactHasher } from '../../core/ports/artifact-hasher.js';
import type { ArtifactQuarantine } from '../../core/ports/artifact-quarantine.js';
import { SignatureInvalidError, type VerifyBundle } from '../../core/ports/bundle-verifier.js';
import type { InTotoStatement } from '../../core/result/in-toto-statement.js';
import { attestationFromFiles, type AttestationFiles } from '../../flows/attestation-from-files.js';
import { memoryInputFiles } from '../helpers/memory-input-files.js';

const context = { subject: { repo: 'acme/app', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const bytes: Record<string, Buffer> = { 'dist/a.tgz': Buffer.from('artifact a'), 'dist/b.tgz': Buffer.from('artifact b') };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A hasher over `bytes` that records which artifacts it hashed. */
function hasher(): ArtifactHasher & { hashed: string[] } {
  const hashed: string[] = [];
  return { hashed, hash: async (path) => (hashed.push(path), { sha256: sha256(bytes[path]!) }) };
}

/** A quarantine that records what it was asked to set aside and says each was renamed. */
function quarantine(): ArtifactQuarantine & { calls: Array<{ paths: string[]; mode: QuarantineMode; dir: string }> } {
  const calls: Array<{ paths: string[]; mode: QuarantineMode; dir: string }> = [];
  return { calls, setAside: async (paths, mode, dir) => (calls.push({ paths, mode, dir }), mode === 'none' ? [] : paths.map((p) => `${p}.quarantined`)) };
}

/** A DSSE bundle whose in-toto statement names `path` as its subject. */
function dsseBundle(path: string): object {
  const statement = { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: path, digest: { sha256: sha256(bytes[path]!) } }], predicateType: 'https://slsa.dev/provenance/v1', predicate: {} };
  return { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64'), signatures: [] } };
}

/** A verifier that passes every bundle but those named in `failing`, which fail the signature check; it records the artifact bytes it was given. */
function verifier(failing: string[] = []): VerifyBundle & { artifacts: Array<Buffer | undefined> } {
  const artifacts: Array<Buffer | undefined> = [];
  const verify: VerifyBundle = (input) => {
    artifacts.push(input.artifact);
    if (failing.includes(input.bundleFile)) throw new SignatureInvalidError('signature', `${input.bundleFile}: signature check failed: the signature does not match`);
    const payload = (input.bundle as { dsseEnvelope?: { payload: string } }).dsseEnvelope?.payload;
    return {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      content: payload ? 'dsse' : 'message-signature',
      signer: { type: 'certificate', identity: IDENTITY, issuer: ISSUER },
      ...(payload ? { statement: JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as InTotoStatement } : {}),
      tlogEntries: [],
    };
  };
  return Object.assign(verify, { artifacts });
}

const files = (overrides: Partial<AttestationFiles> = {}): AttestationFiles => ({
  artifacts: ['dist/a.tgz', 'dist/b.tgz'],
  bundles: ['a.sigstore.json', 'b.sigstore.json'],
  identity: IDENTITY,
  issuer: ISSUER,
  predicateType: 'slsa',
  quarantine: 'rename',
  quarantineDir: 'quarantine',
  ...overrides,
});

describe('attestationFromFiles', () => {
  it('refuses with USAGE when no signer policy is given, before hashing any artifact', async () => {
    const io = { files: memoryInputFiles({}), verifyBundle: verifier(), hasher: hasher(), quarantine: quarantine() };
    await expect(attestationFromFiles(files({ identity: undefined, issuer: undefined }), context, io)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('no signer policy') });
    expect(io.hasher.hashed).toEqual([]);
  });

  describe('when one bundle fails the signature check', () => {
    it('fails the gate and sets aside only the artifact that bundle was meant for', async () => {
      const io = { files: memoryInputFiles({ 'a.sigstore.json': dsseBundle('dist/a.tgz'), 'b.sigstore.json': dsseBundle('dist/b.tgz') }), verifyBundle: verifier(['b.sigstore.json']), hasher: hasher(), quarantine: quarantine() };
      const outcome = await attestationFromFiles(files(), context, io);
      expect(outcome.verdict).toBe('fail');
      expect(outcome.report.data.counts).toEqual({ verified: 1, unverified: 1 });
      expect(outcome.report.data.artifacts[1]!.errors).toEqual([{ check: 'signature', message: 'b.sigstore.json: signature check failed: the signature does not match' }]);
      expect(io.quarantine.calls).toEqual([{ paths: ['dist/b.tgz'], mode: 'rename', dir: 'quarantine' }]);
      expect(outcome.report.data.quarantine).toEqual({ mode: 'rename', paths: ['dist/b.tgz.quarantined'] });
      expect(io.hasher.hashed).toEqual(['dist/a.tgz', 'dist/b.tgz']);
    });
  });

  it('verifies a message signature against the bytes of the artifact whose digest it signs, read through the files port', async () => {
    const signature = { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', messageSignature: { messageDigest: { algorithm: 'SHA2_256', digest: Buffer.from(sha256(bytes['dist/a.tgz']!), 'hex').toString('base64') }, signature: '' } };
    const io = { files: memoryInputFiles({ 'a.sigstore.json': signature, 'dist/a.tgz': bytes['dist/a.tgz']! }), verifyBundle: verifier(), hasher: hasher(), quarantine: quarantine() };
    const outcome = await attestationFromFiles(files({ artifacts: ['dist/a.tgz'], bundles: ['a.sigstore.json'], predicateType: 'any' }), context, io);
    expect(outcome.verdict).toBe('pass');
    expect(io.verifyBundle.artifacts).toEqual([bytes['dist/a.tgz']]);
    expect(io.quarantine.calls).toEqual([{ paths: [], mode: 'rename', dir: 'quarantine' }]);
  });
});
