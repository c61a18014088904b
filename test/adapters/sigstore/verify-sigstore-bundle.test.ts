import { describe, expect, it, jest } from '@jest/globals';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleToJSON, toDSSEBundle, toMessageSignatureBundle } from '@sigstore/bundle';
import { dsse } from '@sigstore/core';
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' };
import { Socket } from 'node:net';
import { publicKeyId, verifySigstoreBundle } from '../../../adapters/sigstore/verify-sigstore-bundle.js';
import type { SignatureInvalidError, SignerPolicy } from '../../../core/ports/bundle-verifier.js';
import { realworld as shared } from '../../helpers/shared-dir.js';

// Real bundles of real npm packages, read in place (see ../shared/realworld/README.md).
const realworld = shared.path('sigstore');
const readBundle = (path: string): unknown => JSON.parse(readFileSync(resolve(realworld, path), 'utf8'));

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const shippedTarget = (name: string): unknown => JSON.parse(Buffer.from(seeds['https://tuf-repo-cdn.sigstore.dev'].targets[name as 'trusted_root.json'], 'base64').toString('utf8'));
const shippedRoot = shippedTarget('trusted_root.json') as { certificateAuthorities: { validFor: { start: string; end?: string } }[] } & Record<string, unknown>;
/** npm's registry signing key, which signs npm publish attestations; shipped in the same TUF seeds. */
const npmKeyPem = (() => {
  const keys = (shippedTarget('registry.npmjs.org%2Fkeys.json') as { keys: { keyId: string; publicKey: { rawBytes: string } }[] }).keys;
  const key = keys.find((k) => k.keyId === 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA');
  return `-----BEGIN PUBLIC KEY-----\n${key?.publicKey.rawBytes}\n-----END PUBLIC KEY-----\n`;
})();

/** Verifies and returns the error thrown, failing the test when verification passes. */
function failure(run: () => unknown): SignatureInvalidError {
  try {
    run();
  } catch (error) {
    return error as SignatureInvalidError;
  }
  throw new Error('verification passed but was expected to fail');
}

const provenance: { file: string; identity: string; subject: string; predicateType: string }[] = [
  { file: 'gundam-visor-1.0.1/provenance.sigstore.json', identity: 'https://github.com/ramonpetgrave64/gundam-visor/.github/workflows/npm-publish.yml@refs/tags/v1.0.1', subject: 'pkg:npm/gundam-visor@1.0.1', predicateType: 'https://slsa.dev/provenance/v1' },
  { file: 'sigstore-1.0.0/provenance.sigstore.json', identity: 'https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0', subject: 'pkg:npm/sigstore@1.0.0', predicateType: 'https://slsa.dev/provenance/v0.2' },
  { file: 'sigstore-2.1.0/provenance.v0.3.sigstore.json', identity: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main', subject: 'pkg:npm/sigstore@2.1.0', predicateType: 'https://slsa.dev/provenance/v1' },
  { file: 'sigstore-2.3.1/provenance.sigstore.json', identity: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main', subject: 'pkg:npm/sigstore@2.3.1', predicateType: 'https://slsa.dev/provenance/v1' },
  { file: 'tuf-js-1.0.0/provenance.sigstore.json', identity: 'https://github.com/theupdateframework/tuf-js/.github/workflows/publish.yml@refs/tags/v1.0.0', subject: 'pkg:npm/tuf-js@1.0.0', predicateType: 'https://slsa.dev/provenance/v0.2' },
];

describe('verifySigstoreBundle', () => {
  shared.describe('with real npm provenance bundles (keyless, DSSE, v0.1 to v0.3)', () => {
    it.each(provenance)('verifies $file and returns its signer, statement and log entry', ({ file, identity, subject, predicateType }) => {
      const result = verifySigstoreBundle({ bundle: readBundle(file), bundleFile: file, policy: { identity, issuer: GITHUB_ISSUER } });
      expect(result.signer).toEqual({ type: 'certificate', identity, issuer: GITHUB_ISSUER });
      expect(result.content).toBe('dsse');
      expect(result.payloadType).toBe('application/vnd.in-toto+json');
      expect(result.statement?.predicateType).toBe(predicateType);
      expect(result.statement?.subject.map((s) => s.name)).toEqual([subject]);
      expect(result.tlogEntries).toEqual([expect.objectContaining({ logUrl: 'https://rekor.sigstore.dev', kind: 'intoto', integratedTime: expect.stringMatching(/^20\d\d-/) })]);
    });

    it('decodes a statement whose subject digest is that of the published tarball', () => {
      const result = verifySigstoreBundle({ bundle: readBundle('gundam-visor-1.0.1/provenance.sigstore.json'), bundleFile: 'provenance', policy: { identity: provenance[0]!.identity } });
      const tarball = readFileSync(resolve(realworld, 'gundam-visor-1.0.1/gundam-visor-1.0.1.tgz'));
      expect(result.statement?.subject[0]?.digest.sha512).toBe(createHash('sha512').update(tarball).digest('hex'));
    });

    it('accepts an identity pattern and reports the identity it matched', () => {
      const result = verifySigstoreBundle({ bundle: readBundle('sigstore-2.3.1/provenance.sigstore.json'), bundleFile: 'b', policy: { identity: /^https:\/\/github\.com\/sigstore\/sigstore-js\/\.github\/workflows\/release\.yml@refs\/heads\/main$/, issuer: GITHUB_ISSUER } });
      expect(result.signer).toEqual({ type: 'certificate', identity: provenance[3]!.identity, issuer: GITHUB_ISSUER });
    });

    it('uses a trusted root given as a file and never opens a connection', () => {
      const connect = jest.spyOn(Socket.prototype, 'connect');
      const fetch = jest.spyOn(globalThis, 'fetch');
      try {
        const result = verifySigstoreBundle({ bundle: readBundle('sigstore-2.3.1/provenance.sigstore.json'), bundleFile: 'b', trustedRoot: shippedRoot, trustedRootFile: 'trusted_root.json', policy: { identity: provenance[3]!.identity } });
        expect(result.signer.type).toBe('certificate');
        expect([connect.mock.calls.length, fetch.mock.calls.length]).toEqual([0, 0]);
      } finally {
        connect.mockRestore();
        fetch.mockRestore();
      }
    });
  });

  shared.describe('with real npm publish attestations (signed with the registry key)', () => {
    it.each(['gundam-visor-1.0.1', 'sigstore-1.0.0', 'sigstore-2.3.1', 'tuf-js-1.0.0'])('verifies %s and reports the key id', (pkg) => {
      const result = verifySigstoreBundle({ bundle: readBundle(`${pkg}/publish.sigstore.json`), bundleFile: 'publish', policy: { publicKeyPem: npmKeyPem } });
      expect(result.signer).toEqual({ type: 'key', keyId: 'SHA256:HpCKVUWf5t2sHMvBN+qGMe6DcDL+wqLMxSizjYHxcQg', hint: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA' });
      expect(result.statement?.predicateType).toBe('https://github.com/npm/attestation/tree/main/specs/publish/v0.1');
    });

    it('fails the key check when no key is given', () => {
      const error = failure(() => verifySigstoreBundle({ bundle: readBundle('sigstore-2.3.1/publish.sigstore.json'), bundleFile: 'publish.json', policy: { identity: 'x' } }));
      expect([error.code, error.check]).toEqual(['SIGNATURE_INVALID', 'key']);
      expect(error.message).toContain('hint SHA256:jl3bws');
    });
  });

  shared.describe('when the bundle or artifact was tampered with', () => {
    const tampered = ['gundam-visor-1.0.1/tampered/provenance.sig-altered.sigstore.json', 'gundam-visor-1.0.1/tampered/provenance.payload-altered.third-party.sigstore.json', 'sigstore-2.0.0/tampered/provenance.sig-altered.sigstore.json', 'sigstore-2.3.1/tampered/provenance.payload-altered.third-party.sigstore.json', 'tuf-js-1.0.0/tampered/provenance.sig-altered.sigstore.json'];
    it.each(tampered)('throws SIGNATURE_INVALID for %s, saying which check failed', (file) => {
      const error = failure(() => verifySigstoreBundle({ bundle: readBundle(file), bundleFile: file, policy: { identity: /./ } }));
      expect(error.code).toBe('SIGNATURE_INVALID');
      expect(error.message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: (signature|transparency-log) check failed`));
      expect(error.remedy).toBeTruthy();
    });

    it.each(['gundam-visor-1.0.1/tampered/publish.sig-altered.sigstore.json', 'sigstore-2.3.1/tampered/publish.payload-altered.third-party.sigstore.json'])('throws SIGNATURE_INVALID for the key-signed %s', (file) => {
      const error = failure(() => verifySigstoreBundle({ bundle: readBundle(file), bundleFile: file, policy: { publicKeyPem: npmKeyPem } }));
      expect(error.code).toBe('SIGNATURE_INVALID');
    });
  });

  shared.describe('when the signer is not the one the policy names', () => {
    const bundle = readBundle('sigstore-2.3.1/provenance.sigstore.json');
    const cases: [string, SignerPolicy, string, string][] = [
      ['a different exact identity', { identity: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/evil' }, 'identity', 'issued to "https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main"'],
      ['a pattern that does not match', { identity: /^https:\/\/github\.com\/octo-org\// }, 'identity', 'a match of /^https:\\/\\/github\\.com\\/octo-org\\//'],
      ['a different issuer', { identity: provenance[3]!.identity, issuer: 'https://accounts.google.com' }, 'issuer', 'OIDC issuer is "https://token.actions.githubusercontent.com"'],
      ['no identity at all', {}, 'identity', 'no identity policy was given'],
    ];
    it.each(cases)('fails the check of %s', (_name, policy, check, phrase) => {
      const error = failure(() => verifySigstoreBundle({ bundle, bundleFile: 'b.json', policy }));
      expect([error.code, error.check]).toEqual(['SIGNATURE_INVALID', check]);
      expect(error.message).toContain(phrase);
    });
  });

  shared.describe('when the trusted root cannot vouch for the certificate', () => {
    const bundle = readBundle('sigstore-2.3.1/provenance.sigstore.json');
    it('fails the certificate check with an expired root (CA validity ended before signing)', () => {
      const expired = { ...shippedRoot, certificateAuthorities: shippedRoot.certificateAuthorities.map((ca) => ({ ...ca, validFor: { start: '2021-03-07T03:20:29Z', end: '2022-12-31T23:59:59.999Z' } })) };
      const error = failure(() => verifySigstoreBundle({ bundle, bundleFile: 'b.json', trustedRoot: expired, trustedRootFile: 'expired-root.json', policy: { identity: /./ } }));
      expect([error.code, error.check]).toEqual(['SIGNATURE_INVALID', 'certificate']);
      expect(error.message).toContain('expired-root.json');
    });

    it('fails the certificate check with an unknown root (no CA of the signer)', () => {
      const unknown = { ...shippedRoot, certificateAuthorities: [] };
      const error = failure(() => verifySigstoreBundle({ bundle, bundleFile: 'b.json', trustedRoot: unknown, trustedRootFile: 'other-root.json', policy: { identity: /./ } }));
      expect([error.code, error.check]).toEqual(['SIGNATURE_INVALID', 'certificate']);
    });

    it('fails the transparency-log check when the root does not list the log', () => {
      const noLog = { ...shippedRoot, tlogs: [] };
      const error = failure(() => verifySigstoreBundle({ bundle, bundleFile: 'b.json', trustedRoot: noLog, trustedRootFile: 'r.json', policy: { identity: /./ } }));
      expect(error.check).toBe('transparency-log');
    });

    it('throws TRUST_ROOT_INVALID for a file that is not a trusted root', () => {
      const error = failure(() => verifySigstoreBundle({ bundle, bundleFile: 'b.json', trustedRoot: { keys: [] }, trustedRootFile: 'root.json', policy: { identity: /./ } }));
      expect([error.code, error.file, error.pointer]).toEqual(['TRUST_ROOT_INVALID', 'root.json', '/mediaType']);
    });
  });

  shared.describe('when the bundle is not one', () => {
    it.each([
      ['an unknown media type', { ...(readBundle('sigstore-2.3.1/provenance.sigstore.json') as object), mediaType: 'application/vnd.example.bundle+json' }, 'has media type "application/vnd.example.bundle+json"'],
      ['an array', [], 'expected a JSON object'],
      ['a bundle without verification material', { mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.2' }, 'malformed Sigstore bundle'],
    ])('throws BUNDLE_INVALID for %s', (_name, bundle, phrase) => {
      const error = failure(() => verifySigstoreBundle({ bundle, bundleFile: 'x.json', policy: { identity: /./ } }));
      expect([error.code, error.check]).toEqual(['BUNDLE_INVALID', 'bundle']);
      expect(error.message).toContain(phrase);
    });
  });

  describe('with bundles signed by a key in the test (no transparency log)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const artifact = Buffer.from('release tarball bytes');
    const statement = { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'app.tgz', digest: { sha256: createHash('sha256').update(artifact).digest('hex') } }], predicateType: 'https://slsa.dev/provenance/v1', predicate: { buildDefinition: {} } };
    const payload = Buffer.from(JSON.stringify(statement));
    const dsseBundle = bundleToJSON(toDSSEBundle({ artifact: payload, artifactType: 'application/vnd.in-toto+json', signature: sign('sha256', dsse.preAuthEncoding('application/vnd.in-toto+json', payload), privateKey), keyHint: 'release-key' }));
    const digest = createHash('sha256').update(artifact).digest();
    const messageBundle = bundleToJSON(toMessageSignatureBundle({ digest, signature: sign('sha256', artifact, privateKey), keyHint: '' }));

    it('verifies a DSSE in-toto statement and returns it', () => {
      const result = verifySigstoreBundle({ bundle: dsseBundle, bundleFile: 'att.json', policy: { publicKeyPem }, tlogThreshold: 0 });
      expect(result.statement).toEqual(statement);
      expect(result.signer).toEqual({ type: 'key', keyId: publicKeyId(publicKey), hint: 'release-key' });
      expect(result.tlogEntries).toEqual([]);
    });

    it('verifies a message signature over the artifact and returns the digest', () => {
      const result = verifySigstoreBundle({ bundle: messageBundle, bundleFile: 'sig.json', artifact, policy: { publicKeyPem }, tlogThreshold: 0 });
      expect(result).toMatchObject({ content: 'message-signature', messageDigest: `sha256:${digest.toString('hex')}`, signer: { type: 'key', keyId: publicKeyId(publicKey) } });
    });

    it('fails the signature check for a tampered artifact', () => {
      const error = failure(() => verifySigstoreBundle({ bundle: messageBundle, bundleFile: 'sig.json', artifact: Buffer.from('release tarball bytez'), policy: { publicKeyPem }, tlogThreshold: 0 }));
      expect([error.code, error.check]).toEqual(['SIGNATURE_INVALID', 'signature']);
    });

    it('fails the signature check for another key', () => {
      const error = failure(() => verifySigstoreBundle({ bundle: dsseBundle, bundleFile: 'att.json', policy: { publicKeyPem: other.publicKey.export({ type: 'spki', format: 'pem' }).toString() }, tlogThreshold: 0 }));
      expect([error.code, error.check]).toEqual(['SIGNATURE_INVALID', 'signature']);
    });

    it('requires a transparency log entry unless told otherwise', () => {
      const error = failure(() => verifySigstoreBundle({ bundle: dsseBundle, bundleFile: 'att.json', policy: { publicKeyPem } }));
      expect(error.check).toBe('timestamp');
    });

    it('asks for the artifact of a message signature', () => {
      const error = failure(() => verifySigstoreBundle({ bundle: messageBundle, bundleFile: 'sig.json', policy: { publicKeyPem }, tlogThreshold: 0 }));
      expect(error.message).toContain('no artifact was given');
    });

    it('refuses a key that is not PEM', () => {
      const error = failure(() => verifySigstoreBundle({ bundle: dsseBundle, bundleFile: 'att.json', policy: { publicKeyPem: 'not a key' }, tlogThreshold: 0 }));
      expect(error.check).toBe('key');
    });
  });
});
