import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { verifyBundle } from '../../flows/verify-bundle.js';
import { TEST_NOW } from '../helpers/clock.js';
import { verifyIo } from '../helpers/real-adapters.js';
import { build, makeArtifacts, makeKeyPair, tempDir, writeTree } from '../helpers/release-bundle.js';

const DOC = resolve(import.meta.dirname, '../../docs/verify-without-maestro.md');

/** The doc's `sh` blocks, in order, joined: the script it tells an auditor to run. Other blocks (`console`) are not run. */
function docScript(): { blocks: number; script: string } {
  const blocks = [...readFileSync(DOC, 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return { blocks: blocks.length, script: blocks.join('\n') };
}

/** Runs the doc's script with bash in `cwd`, where it expects releases/ and release-signing.pub.pem. */
function runDoc(cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', docScript().script], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Makes a bundle file writable, as a tamperer with write access to the store would. */
function writable(path: string): string {
  chmodSync(path, 0o644);
  return path;
}

function flipByte(path: string, at = 0): void {
  const bytes = readFileSync(writable(path));
  bytes[at] = bytes[at]! ^ 1;
  writeFileSync(path, bytes);
}

let pristine: string;
let otherKey: string;

/** The layout the doc's first block names: releases/v1.0.0 and releases/v1.1.0 (linked to v1.0.0), and the public key. */
beforeAll(async () => {
  pristine = tempDir('maestro-doc-verify-');
  const keys = makeKeyPair(pristine);
  const artifactsDir = makeArtifacts(join(pristine, 'artifacts'));
  const releases = join(pristine, 'releases');
  await build({ artifactsDir, outDir: join(releases, 'v1.0.0'), release: 'v1.0.0', sign: { type: 'key', keyFile: keys.privateKey } });
  await build({ artifactsDir, outDir: join(releases, 'v1.1.0'), release: 'v1.1.0', previous: join(releases, 'v1.0.0'), sign: { type: 'key', keyFile: keys.privateKey } });
  // A v1.0.0 rebuilt from other artifacts and validly signed: a replacement only the chain link can catch.
  const otherArtifacts = writeTree(join(pristine, 'other-artifacts'), { 'reports/notes.txt': 'rewritten history\n' });
  await build({ artifactsDir: otherArtifacts, outDir: join(pristine, 'forged-v1.0.0'), release: 'v1.0.0', sign: { type: 'key', keyFile: keys.privateKey } });
  cpSync(keys.publicKey, join(pristine, 'release-signing.pub.pem'));
  otherKey = makeKeyPair(tempDir()).publicKey;
});

/** A copy of the pristine layout to alter. */
function copy(): string {
  const dir = tempDir('maestro-doc-case-');
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

describe('docs/verify-without-maestro.md, run as written', () => {
  it('is a script of five sh blocks that verifies the chain with openssl and sha256sum, as maestro verify does', async () => {
    expect(docScript().blocks).toBe(5);
    const dir = copy();
    const run = runDoc(dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe([
      'ok: v1.1.0 (signature, 3 artifacts, linked to v1.0.0)',
      'ok: v1.0.0 (signature, 3 artifacts)',
      'verified: v1.1.0 and every release before it, with openssl and sha256sum',
      '',
    ].join('\n'));
    expect(run.code).toBe(0);
    const maestro = await verifyBundle({ location: join(dir, 'releases/v1.1.0'), keyFile: join(dir, 'release-signing.pub.pem'), now: new Date(TEST_NOW) }, verifyIo);
    expect(maestro.ok).toBe(true);
  });

  const sha = '[0-9a-f]{64}';
  it.each<[string, (dir: string) => void, RegExp]>([
    ['a byte of an artifact changed', (d) => flipByte(join(d, 'releases/v1.1.0/sbom/app.spdx.bin'), 100), /^sbom\/app\.spdx\.bin: FAILED\n[\s\S]*NOT VERIFIED: v1\.1\.0: an artifact is missing or differs from the manifest/m],
    ['a byte of an earlier release\'s artifact changed', (d) => flipByte(join(d, 'releases/v1.0.0/reports/notes.txt'), 0), /^reports\/notes\.txt: FAILED\n[\s\S]*NOT VERIFIED: v1\.0\.0: an artifact is missing or differs/m],
    ['an artifact deleted', (d) => rmSync(join(d, 'releases/v1.1.0/gates/decision-log.json')), /gates\/decision-log\.json: FAILED open or read\n[\s\S]*NOT VERIFIED: v1\.1\.0: an artifact is missing/],
    ['a file added', (d) => writeFileSync(join(d, 'releases/v1.1.0/reports/extra.txt'), 'x'), /^NOT VERIFIED: v1\.1\.0: present in the bundle but not in the manifest \(added after it was built\): reports\/extra\.txt $/m],
    ['the manifest edited', (d) => {
      const path = writable(join(d, 'releases/v1.1.0/manifest.json'));
      writeFileSync(path, readFileSync(path, 'utf8').replace('"size": 14', '"size": 15'));
    }, new RegExp(`^NOT VERIFIED: v1\\.1\\.0: manifest\\.json has sha256 ${sha}, but the signature covers ${sha}: the manifest changed after signing$`, 'm')],
    ['a byte of the signature changed', (d) => {
      const path = writable(join(d, 'releases/v1.1.0/manifest.sigstore.json'));
      const bundle = JSON.parse(readFileSync(path, 'utf8'));
      const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64');
      sig[sig.length - 1] = sig[sig.length - 1]! ^ 1;
      bundle.dsseEnvelope.signatures[0].sig = sig.toString('base64');
      writeFileSync(path, JSON.stringify(bundle));
    }, /^NOT VERIFIED: v1\.1\.0: the signature in manifest\.sigstore\.json does not verify with release-signing\.pub\.pem$/m],
    ['the signed statement rewritten to cover another manifest', (d) => {
      const path = writable(join(d, 'releases/v1.1.0/manifest.sigstore.json'));
      const bundle = JSON.parse(readFileSync(path, 'utf8'));
      const statement = Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8').replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`);
      bundle.dsseEnvelope.payload = Buffer.from(statement).toString('base64');
      writeFileSync(path, JSON.stringify(bundle));
    }, /^NOT VERIFIED: v1\.1\.0: the signature in manifest\.sigstore\.json does not verify/m],
    ['the bundles signed by another key', (d) => cpSync(otherKey, join(d, 'release-signing.pub.pem')), /^NOT VERIFIED: v1\.1\.0: the signature in manifest\.sigstore\.json does not verify with release-signing\.pub\.pem$/m],
    ['the signature removed', (d) => rmSync(join(d, 'releases/v1.1.0/manifest.sigstore.json')), /^NOT VERIFIED: v1\.1\.0: not signed \(no releases\/v1\.1\.0\/manifest\.sigstore\.json\)$/m],
    ['v1.0.0\'s signature put beside v1.1.0\'s manifest', (d) => cpSync(join(d, 'releases/v1.0.0/manifest.sigstore.json'), writable(join(d, 'releases/v1.1.0/manifest.sigstore.json'))), /^NOT VERIFIED: v1\.1\.0: manifest\.json has sha256 [0-9a-f]{64}, but the signature covers [0-9a-f]{64}: the manifest changed after signing$/m],
    ['v1.0.0\'s whole bundle copied under the tag v1.1.0', (d) => {
      rmSync(join(d, 'releases/v1.1.0'), { recursive: true, force: true });
      cpSync(join(d, 'releases/v1.0.0'), join(d, 'releases/v1.1.0'), { recursive: true });
    }, /^NOT VERIFIED: v1\.1\.0: the bundle was signed for release v1\.0\.0, not v1\.1\.0: it lies under another release's tag$/m],
    ['v1.0.0 replaced by another validly signed v1.0.0', (d) => {
      rmSync(join(d, 'releases/v1.0.0'), { recursive: true, force: true });
      renameSync(join(d, 'forged-v1.0.0'), join(d, 'releases/v1.0.0'));
    }, new RegExp(`^NOT VERIFIED: v1\\.1\\.0 names v1\\.0\\.0's manifest by sha256 ${sha}, but releases/v1\\.0\\.0/manifest\\.json has sha256 ${sha}: it was replaced or altered$`, 'm')],
    ['the previous release deleted', (d) => rmSync(join(d, 'releases/v1.0.0'), { recursive: true, force: true }), /^NOT VERIFIED: v1\.1\.0: its previous release, v1\.0\.0, is missing from releases$/m],
  ])('fails, naming what changed: %s', (_name, tamper, message) => {
    const dir = copy();
    tamper(dir);
    const run = runDoc(dir);
    expect(`${run.stdout}${run.stderr}`).toMatch(message);
    expect(run.code).toBe(1);
  });
});
