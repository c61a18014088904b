import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' };
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';
import { realworld as shared } from '../helpers/shared-dir.js';

const root = resolve(import.meta.dirname, '../..');
const realworld = shared.path('sigstore', 'gundam-visor-1.0.1');
const IDENTITY = 'https://github.com/ramonpetgrave64/gundam-visor/.github/workflows/npm-publish.yml@refs/tags/v1.0.1';
const ISSUER = 'https://token.actions.githubusercontent.com';
const subject = ['--repo', 'octo/app', '--sha', 'c'.repeat(40)];

/** A preload that fails the process on any socket or DNS use: verification must stay offline. */
const noNetwork = join(mkdtempSync(join(tmpdir(), 'maestro-nonet-')), 'no-network.cjs');
writeFileSync(
  noNetwork,
  `const net = require('node:net'); const dns = require('node:dns');
const refuse = (what) => () => { process.stderr.write('NETWORK USED: ' + what + '\\n'); process.exit(99); };
net.Socket.prototype.connect = refuse('socket'); dns.lookup = refuse('dns'); globalThis.fetch = refuse('fetch');\n`,
);

/** Runs the built bin offline in a folder holding a copy of the real tarball (and its 1-byte-changed twin), by hand unless `extraEnv` says otherwise. */
function maestroIn(extraEnv: Record<string, string>, ...args: string[]): { code: number | null; stdout: string; stderr: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-att-'));
  copyFileSync(join(realworld, 'gundam-visor-1.0.1.tgz'), join(dir, 'gundam-visor-1.0.1.tgz'));
  copyFileSync(join(realworld, 'tampered/gundam-visor-1.0.1.1byte-changed.tgz'), join(dir, 'changed.tgz'));
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_'))), NODE_OPTIONS: `--require ${noNetwork}`, ...extraEnv };
  const result = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), 'verify-attestation', ...args.map((a) => a.replace('$DIR', dir)), ...subject], { cwd: dir, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, dir };
}

const maestro = (...args: string[]) => maestroIn({}, ...args);

const keyless = ['--identity', IDENTITY, '--issuer', ISSUER];
const errorsOf = (stdout: string) => JSON.parse(stdout).data.artifacts[0].errors as { check: string; message: string }[];

shared.describe('maestro verify-attestation', () => {
  it('verifies a real npm tarball against its provenance offline and reports the SLSA provenance', () => {
    const { code, stdout, stderr, dir } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', join(realworld, 'provenance.sigstore.json'), ...keyless, '--format', 'json', '--out', 'report.json');
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout).data.artifacts).toEqual([
      {
        path: 'gundam-visor-1.0.1.tgz',
        digest: 'sha256:d4b813004e621441bb03d1e97890e610fb4ec0e2bb100fc0b3ed21d3905aaec3',
        verified: true,
        identity: IDENTITY,
        issuer: ISSUER,
        predicateType: 'https://slsa.dev/provenance/v1',
        bundle: join(realworld, 'provenance.sigstore.json'),
        provenance: { builder: 'https://github.com/actions/runner/github-hosted', sourceRepo: 'https://github.com/ramonpetgrave64/gundam-visor', ref: 'refs/tags/v1.0.1', workflow: '.github/workflows/npm-publish.yml', commit: '599500821344b070902a7a5666064bfdaba715df' },
        errors: [],
      },
    ]);
    expect(parseEvidence(readFileSync(join(dir, 'report.json')), 'report.json').status).toBe('valid');
  });

  it("reads the npm registry's attestations file and accepts an identity pattern", () => {
    const { code } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', join(realworld, 'attestations.json'), '--identity', '^https://github\\.com/ramonpetgrave64/', '--issuer', ISSUER);
    expect(code).toBe(0);
  });

  it('fails the subject check for a tampered artifact and, run by hand, leaves it where it is', () => {
    const { code, stdout, dir } = maestro('--artifact', 'changed.tgz', '--bundle', join(realworld, 'provenance.sigstore.json'), ...keyless, '--format', 'json');
    expect(code).toBe(1);
    expect(errorsOf(stdout)).toEqual([{ check: 'subject', message: expect.stringContaining('the artifact is not the one that was signed') }]);
    expect(JSON.parse(stdout).data.quarantine).toEqual({ mode: 'none', paths: [] });
    expect([existsSync(join(dir, 'changed.tgz')), existsSync(join(dir, 'changed.tgz.quarantined'))]).toEqual([true, false]);
  });

  describe('quarantine of unverified artifacts', () => {
    const tampered = ['--artifact', 'changed.tgz', '--bundle', join(realworld, 'provenance.sigstore.json'), ...keyless, '--format', 'json'];
    const placeOf = (dir: string) => ['changed.tgz', 'changed.tgz.quarantined', 'held/changed.tgz'].filter((p) => existsSync(join(dir, p)));

    it.each([
      ['by hand with --quarantine', 'rename', 'changed.tgz.quarantined', {}, ['--quarantine']],
      ['inside GitHub Actions, by default', 'rename', 'changed.tgz.quarantined', { GITHUB_ACTIONS: 'true' }, []],
      ['inside GitHub Actions with --no-quarantine', 'none', 'changed.tgz', { GITHUB_ACTIONS: 'true' }, ['--no-quarantine']],
      ['by hand with --quarantine-dir', 'move', 'held/changed.tgz', {}, ['--quarantine-dir', 'held']],
      ['inside GitHub Actions with --quarantine-dir', 'move', 'held/changed.tgz', { GITHUB_ACTIONS: 'true' }, ['--quarantine-dir', 'held']],
    ])('%s: mode %s, the artifact ends at %s', (_when, mode, place, env, flags) => {
      const { code, stdout, dir } = maestroIn(env, ...tampered, ...flags);
      expect(code).toBe(1);
      expect(JSON.parse(stdout).data.quarantine.mode).toBe(mode);
      expect(placeOf(dir)).toEqual([place]);
    });

    it.each([
      [['--quarantine', '--no-quarantine'], 'error USAGE: --no-quarantine cannot be used with --quarantine'],
      [['--quarantine-dir', 'held', '--no-quarantine'], 'error USAGE: --no-quarantine cannot be used with --quarantine-dir'],
      [['--quarantine', 'none'], 'error USAGE: too many arguments: none (maestro verify-attestation)'],
    ])('exits 2 on %j, moving nothing', (flags, message) => {
      const { code, stderr, dir } = maestroIn({ GITHUB_ACTIONS: 'true' }, ...tampered, ...flags);
      expect(code).toBe(2);
      expect(stderr.startsWith(message)).toBe(true);
      expect(placeOf(dir)).toEqual(['changed.tgz']);
    });

    it('says so in --help', () => {
      const { stdout } = maestro('--help');
      expect(stdout).toMatch(/--quarantine\s+set unverified artifacts aside by renaming them \*\.quarantined \(the default inside GitHub Actions; by hand, files are left alone without it\)/);
      expect(stdout).toMatch(/--no-quarantine\s+leave unverified artifacts where they are, also inside GitHub Actions/);
    });
  });

  it.each([
    ['a tampered bundle', ['--bundle', join(realworld, 'tampered/provenance.sig-altered.sigstore.json'), ...keyless], 'tlog', /tlog entry signature mismatch/],
    ['a wrong identity', ['--bundle', join(realworld, 'provenance.sigstore.json'), '--identity', 'https://github.com/evil/repo/.github/workflows/x.yml@refs/heads/main', '--issuer', ISSUER], 'identity', /identity check failed: the certificate was issued to/],
    ['a wrong issuer', ['--bundle', join(realworld, 'provenance.sigstore.json'), '--identity', IDENTITY, '--issuer', 'https://accounts.google.com'], 'issuer', /issuer check failed/],
  ])('fails and says which check failed for %s', (_name, args, check, message) => {
    const { code, stdout } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', ...args, '--format', 'json');
    expect(code).toBe(1);
    expect(errorsOf(stdout)).toEqual([{ check, message: expect.stringMatching(message) }]);
  });

  describe('with a trusted root given as a file', () => {
    const shipped = JSON.parse(Buffer.from(seeds['https://tuf-repo-cdn.sigstore.dev'].targets['trusted_root.json'], 'base64').toString('utf8'));
    const rootFile = (root: unknown): string => {
      const file = join(mkdtempSync(join(tmpdir(), 'maestro-root-')), 'trusted_root.json');
      writeFileSync(file, JSON.stringify(root));
      return file;
    };

    it('verifies with the public-good root', () => {
      expect(maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', join(realworld, 'provenance.sigstore.json'), ...keyless, '--trusted-root', rootFile(shipped)).code).toBe(0);
    });

    it.each([
      ['an expired root', { ...shipped, certificateAuthorities: shipped.certificateAuthorities.map((ca: object) => ({ ...ca, validFor: { start: '2021-03-07T03:20:29Z', end: '2022-12-31T23:59:59Z' } })) }],
      ['an unknown root', { ...shipped, certificateAuthorities: [] }],
    ])('fails the certificate check with %s', (_name, root) => {
      const { code, stdout } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', join(realworld, 'provenance.sigstore.json'), ...keyless, '--trusted-root', rootFile(root), '--format', 'json');
      expect(code).toBe(1);
      expect(errorsOf(stdout)).toEqual([{ check: 'certificate', message: expect.stringContaining('does not chain to a certificate authority of the trusted root') }]);
    });
  });

  it('verifies a key-signed npm publish attestation with the registry key', () => {
    const keys = JSON.parse(Buffer.from(seeds['https://tuf-repo-cdn.sigstore.dev'].targets['registry.npmjs.org%2Fkeys.json'], 'base64').toString('utf8')).keys as { publicKey: { rawBytes: string } }[];
    const pem = join(mkdtempSync(join(tmpdir(), 'maestro-key-')), 'npm.pem');
    writeFileSync(pem, `-----BEGIN PUBLIC KEY-----\n${keys[0]!.publicKey.rawBytes}\n-----END PUBLIC KEY-----\n`);
    const { code, stdout } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', join(realworld, 'publish.sigstore.json'), '--key', pem, '--predicate-type', 'any', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).data.artifacts[0]).toMatchObject({ verified: true, keyId: 'SHA256:HpCKVUWf5t2sHMvBN+qGMe6DcDL+wqLMxSizjYHxcQg', predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1' });
  });

  it('exits 2 on a bundle with an unknown media type, naming the file', () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'maestro-b-')), 'odd.json');
    writeFileSync(bundle, JSON.stringify({ ...JSON.parse(readFileSync(join(realworld, 'provenance.sigstore.json'), 'utf8')), mediaType: 'application/vnd.example+json' }));
    const { code, stderr } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', bundle, ...keyless);
    expect(code).toBe(2);
    expect(stderr).toContain(`error BUNDLE_INVALID: ${bundle} has media type "application/vnd.example+json"`);
  });

  it('exits 2 without a signer policy', () => {
    const { code, stderr } = maestro('--artifact', 'gundam-visor-1.0.1.tgz', '--bundle', join(realworld, 'provenance.sigstore.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('error USAGE: no signer policy');
  });
});
