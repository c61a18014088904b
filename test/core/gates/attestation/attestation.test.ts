import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { concludeAttestations, evaluateAttestations } from '../../../../core/gates/attestation/evaluate-attestations.js';
import { readSlsaProvenance } from '../../../../core/gates/attestation/read-slsa-provenance.js';
import type { BundleOutcome, HashedArtifact } from '../../../../core/gates/attestation/types.js';
import { verifySigstoreBundle } from '../../../../adapters/sigstore/verify-sigstore-bundle.js';
import type { InTotoStatement } from '../../../../core/result/in-toto-statement.js';
import { realworld as shared } from '../../../helpers/shared-dir.js';

const realworld = shared.path('sigstore');
const statementOf = (file: string): InTotoStatement => verifySigstoreBundle({ bundle: JSON.parse(readFileSync(resolve(realworld, file), 'utf8')), bundleFile: file, policy: { identity: /./ } }).statement!;

shared.describe('readSlsaProvenance', () => {
  it('reads a SLSA v1 predicate written by GitHub Actions for npm', () => {
    expect(readSlsaProvenance(statementOf('gundam-visor-1.0.1/provenance.sigstore.json'))).toEqual({
      builder: 'https://github.com/actions/runner/github-hosted',
      sourceRepo: 'https://github.com/ramonpetgrave64/gundam-visor',
      ref: 'refs/tags/v1.0.1',
      workflow: '.github/workflows/npm-publish.yml',
      commit: '599500821344b070902a7a5666064bfdaba715df',
    });
  });

  it('reads a SLSA v0.2 predicate written by the npm CLI', () => {
    expect(readSlsaProvenance(statementOf('sigstore-1.0.0/provenance.sigstore.json'))).toEqual({
      builder: 'https://github.com/npm/cli@9.4.2',
      sourceRepo: 'sigstore/sigstore-js',
      ref: 'refs/tags/v1.0.0',
      workflow: '.github/workflows/publish.yml',
      commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
    });
  });

  it('returns nothing for another predicate or a SLSA predicate missing fields', () => {
    expect(readSlsaProvenance({ _type: 'x', subject: [], predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', predicate: { name: 'sigstore' } })).toBeUndefined();
    expect(readSlsaProvenance({ _type: 'x', subject: [], predicateType: 'https://slsa.dev/provenance/v1', predicate: { runDetails: { builder: { id: 'b' } } } })).toBeUndefined();
  });
});

const artifact: HashedArtifact = { path: 'dist/app.tgz', digests: { sha256: '1'.repeat(64), sha512: '2'.repeat(128) } };
const slsa: InTotoStatement = { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'app', digest: { sha512: '2'.repeat(128) } }], predicateType: 'https://slsa.dev/provenance/v1', predicate: {} };
const good: BundleOutcome = { path: 'app.sigstore.json', claims: [`sha512:${'2'.repeat(128)}`], names: ['app'], statement: slsa, signer: { identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1', issuer: 'https://token.actions.githubusercontent.com' } };

describe('evaluateAttestations', () => {
  it.each<[string, BundleOutcome[], string | undefined, Record<string, unknown>]>([
    ['a verified SLSA bundle naming its sha512', [good], 'slsa', { verified: true, bundle: 'app.sigstore.json', identity: good.signer!.identity, issuer: good.signer!.issuer, predicateType: 'https://slsa.dev/provenance/v1', errors: [] }],
    ['a bundle that names another digest', [{ ...good, claims: [`sha512:${'3'.repeat(128)}`] }], 'slsa', { verified: false, errors: [{ check: 'subject', message: expect.stringContaining("no bundle names this artifact's digest (sha256:1111") }] }],
    ['a bundle that failed a check', [{ ...good, statement: undefined, signer: undefined, error: { check: 'identity', message: 'identity check failed: wrong' } }], 'slsa', { verified: false, errors: [{ check: 'identity', message: 'app.sigstore.json: identity check failed: wrong' }] }],
    ['a verified bundle of another predicate type', [{ ...good, statement: { ...slsa, predicateType: 'https://spdx.dev/Document' } }], 'slsa', { verified: false, errors: [{ check: 'predicate', message: expect.stringContaining('is of type https://spdx.dev/Document, the policy wants SLSA provenance') }] }],
    ['a verified bundle of another predicate type when any is accepted', [{ ...good, statement: { ...slsa, predicateType: 'https://spdx.dev/Document' } }], 'any', { verified: true }],
  ])('%s', (_name, bundles, predicateType, expected) => {
    const [result] = evaluateAttestations({ artifacts: [artifact], bundles, policy: { predicateType } });
    expect(result).toMatchObject({ path: 'dist/app.tgz', digest: `sha256:${'1'.repeat(64)}`, ...expected });
  });

  it('prefers the SLSA provenance bundle when several verified bundles name the artifact', () => {
    const publish: BundleOutcome = { ...good, path: 'publish.json', statement: { ...slsa, predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1' }, signer: { keyId: 'SHA256:abc' } };
    const [result] = evaluateAttestations({ artifacts: [artifact], bundles: [publish, good], policy: { predicateType: 'any' } });
    expect(result?.bundle).toBe('app.sigstore.json');
  });
});

const context = { subject: { repo: 'octo/app', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00Z' };

describe('concludeAttestations', () => {
  it('fails when an artifact is unverified, annotating it', () => {
    const results = evaluateAttestations({ artifacts: [artifact, { ...artifact, path: 'dist/other.tgz' }], bundles: [good], policy: {} });
    const outcome = concludeAttestations(results, {}, { mode: 'rename', paths: [] }, context);
    expect([outcome.verdict, outcome.report.data.counts]).toEqual(['pass', { verified: 2, unverified: 0 }]);
    const failing = concludeAttestations([{ ...results[0]!, verified: false, errors: [{ check: 'subject', message: 'm' }] }], {}, { mode: 'rename', paths: ['dist/app.tgz.quarantined'] }, context);
    expect(failing.verdict).toBe('fail');
    expect(failing.headline).toBe('1 of 1 artifact could not be verified (renamed with .quarantined): dist/app.tgz.');
    expect(failing.annotations).toEqual([{ level: 'error', title: 'unverified artifact dist/app.tgz', message: 'm' }]);
    expect(failing.outputs).toEqual({ verified: '0', unverified: '1', 'quarantined-paths': 'dist/app.tgz.quarantined' });
    expect(failing.markdown).toMatch(/^\| `dist\/app\.tgz`<br>`sha256:111111111111`… \| ❌ unverified \| .* \| \*\*subject\*\*: m \|$/m);
  });

  it('fails when no artifact was given', () => {
    expect(concludeAttestations([], {}, { mode: 'none', paths: [] }, context).verdict).toBe('fail');
  });
});
