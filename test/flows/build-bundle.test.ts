import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { verifyBundle } from '../../flows/verify-bundle.js';
import { FileStore } from '../../adapters/store/file-store.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import { makePr } from '../helpers/build-evidence.js';
import { run } from '../helpers/engine.js';
import { verifyIo } from '../helpers/real-adapters.js';
import { build, makeArtifacts, makeKeyPair, tempDir, writeTree } from '../helpers/release-bundle.js';

const NOW = new Date('2026-11-21T00:00:00Z');

/** Every file of a folder with its bytes, for byte-for-byte comparison. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, snapshot(dir, rel));
    else out[rel] = readFileSync(join(dir, rel)).toString('base64');
  }
  return out;
}

/** Flips one byte of a read-only bundle file, as a tamperer with write access would. */
function flipByte(path: string, at = 0): void {
  chmodSync(path, 0o644);
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 1;
  writeFileSync(path, bytes);
}

const failed = (v: Awaited<ReturnType<typeof verifyBundle>>) => v.checks.filter((c) => c.result === 'fail').map((c) => `${c.check} ${c.subject}: ${c.detail}`);

describe('buildBundle', () => {
  it('builds byte-identical bundles from the same inputs', async () => {
    const dir = tempDir();
    const artifactsDir = makeArtifacts(join(dir, 'artifacts'));
    await build({ artifactsDir, outDir: join(dir, 'one') });
    await build({ artifactsDir, outDir: join(dir, 'two') });
    expect(snapshot(join(dir, 'one'))).toEqual(snapshot(join(dir, 'two')));
    expect(Object.keys(snapshot(join(dir, 'one'))).sort()).toEqual(['gates/decision-log.json', 'manifest.json', 'reports/notes.txt', 'sbom/app.spdx.bin']);
  });

  it('lists each artifact with size, sha256 and evidence kind, and summarises the release commit\'s gates', async () => {
    const dir = tempDir();
    const built = await build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'out') });
    expect(built.manifest.data.gates).toEqual({ conclusion: 'success', counts: { pass: 1, waived: 1 } });
    expect(built.manifest.data.artifacts[0]).toMatchObject({ path: 'gates/decision-log.json', kind: 'decision-log' });
    expect(built.manifest.data.artifacts[2]).toEqual({ path: 'sbom/app.spdx.bin', size: 4096, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('meets the evidence-pack control (GA-17) of the shipped catalog', async () => {
    const dir = tempDir();
    const built = await build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'out') });
    const result = await run({ pr: makePr({ labels: ['release'] }), evidence: [parseEvidence(readFileSync(join(built.outDir, 'manifest.json')), 'manifest.json')] });
    expect(result.controls.find((c) => c.controlId === 'GA-17')?.result).toBe('pass');
  });

  it('follows a symbolic link that stays inside the artifacts folder', async () => {
    const dir = tempDir();
    const artifactsDir = writeTree(join(dir, 'artifacts'), { 'real.txt': 'x' });
    symlinkSync('real.txt', join(artifactsDir, 'alias.txt'));
    const built = await build({ artifactsDir, outDir: join(dir, 'out') });
    expect(built.manifest.data.artifacts.map((a) => a.path)).toEqual(['alias.txt', 'real.txt']);
  });

  describe('with bad input it writes nothing', () => {
    it.each([
      ['a symbolic link escaping the artifacts folder', (d: string) => symlinkSync('/etc/hostname', join(d, 'escape.txt')), 'SYMLINK_REFUSED', 'escape.txt is a symbolic link to /etc/hostname, outside the artifacts folder'],
      ['a dangling symbolic link', (d: string) => symlinkSync('missing', join(d, 'dangling')), 'SYMLINK_REFUSED', 'is a symbolic link to nothing'],
      ['a file named like the manifest', (d: string) => writeFileSync(join(d, 'manifest.json'), '{}'), 'ARTIFACT_REFUSED', "has the name of the bundle's own manifest"],
      ['a file name with a space', (d: string) => writeFileSync(join(d, 'a b.txt'), ''), 'ARTIFACT_REFUSED', "'a b.txt' is not allowed"],
    ])('refuses %s', async (_name, add, code, phrase) => {
      const dir = tempDir();
      const artifactsDir = makeArtifacts(join(dir, 'artifacts'));
      add(artifactsDir);
      const error = await build({ artifactsDir, outDir: join(dir, 'out') }).catch((e: Error) => e);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).toContain(phrase);
      expect(readdirSync(dir)).toEqual(['artifacts']);
    });

    it('refuses a release tag that would leave the store, before touching the store', async () => {
      const dir = tempDir();
      await expect(build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'out'), release: 'v1/../../escape', store: join(dir, 'store') })).rejects.toMatchObject({ code: 'USAGE' });
      expect(readdirSync(dir)).toEqual(['artifacts']);
    });

    it('refuses a missing artifacts folder', async () => {
      const dir = tempDir();
      await expect(build({ artifactsDir: join(dir, 'nope'), outDir: join(dir, 'out') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('does not exist') });
      expect(existsSync(join(dir, 'out'))).toBe(false);
    });

    it('refuses an output folder that holds files', async () => {
      const dir = tempDir();
      writeTree(join(dir, 'out'), { 'old.txt': 'x' });
      await expect(build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'out') })).rejects.toMatchObject({ code: 'USAGE' });
      expect(readdirSync(join(dir, 'out'))).toEqual(['old.txt']);
    });

    it('leaves no output when signing fails', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'rsa.pem'), (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
      await expect(build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'out'), sign: { type: 'key', keyFile: join(dir, 'rsa.pem') } })).rejects.toMatchObject({ code: 'SIGNING_FAILED', message: expect.stringContaining('not ECDSA P-256') });
      expect(readdirSync(dir).sort()).toEqual(['artifacts', 'rsa.pem']);
    });
  });
});

describe('verifyBundle on a folder', () => {
  async function signedRelease() {
    const dir = tempDir();
    const keys = makeKeyPair(dir);
    const artifactsDir = makeArtifacts(join(dir, 'artifacts'));
    const releases = join(dir, 'releases');
    await build({ artifactsDir, outDir: join(releases, 'v1.0.0'), release: 'v1.0.0', sign: { type: 'key', keyFile: keys.privateKey } });
    await build({ artifactsDir, outDir: join(releases, 'v1.1.0'), release: 'v1.1.0', previous: join(releases, 'v1.0.0'), sign: { type: 'key', keyFile: keys.privateKey } });
    await build({ artifactsDir, outDir: join(releases, 'v1.2.0'), release: 'v1.2.0', previous: join(releases, 'v1.1.0', 'manifest.json'), sign: { type: 'key', keyFile: keys.privateKey } });
    const verify = (release = 'v1.2.0', extra: Partial<Parameters<typeof verifyBundle>[0]> = {}) => verifyBundle({ location: join(releases, release), keyFile: keys.publicKey, now: NOW, ...extra }, verifyIo);
    return { dir, releases, keys, verify };
  }

  it('passes a signed bundle and walks the chain back to the first release', async () => {
    const { verify } = await signedRelease();
    const result = await verify();
    expect(failed(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checks.find((c) => c.check === 'chain')?.detail).toMatch(/^2 earlier release\(s\) linked by sha256 back to the first release, v1.0.0/);
    expect(result.checks.find((c) => c.check === 'signature')?.detail).toMatch(/^signed by key SHA256:/);
  });

  it('names the artifact whose byte changed', async () => {
    const { releases, verify } = await signedRelease();
    flipByte(join(releases, 'v1.2.0', 'sbom/app.spdx.bin'), 100);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(failed(result)).toEqual([expect.stringMatching(/^artifact sbom\/app.spdx.bin: changed: sha256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/)]);
  });

  it('names a changed manifest: the signature no longer covers it, and the next release no longer links to it', async () => {
    const { releases, verify } = await signedRelease();
    const path = join(releases, 'v1.1.0', 'manifest.json');
    const text = readFileSync(path, 'utf8');
    chmodSync(path, 0o644);
    writeFileSync(path, text.replace('"size": 14', '"size": 15'));
    expect(failed(await verify('v1.1.0'))).toEqual([
      'artifact reports/notes.txt: changed: size is 14 bytes, the manifest says 15',
      expect.stringMatching(/^signature manifest.sigstore.json: signs a manifest with sha256 [0-9a-f]{64}, but manifest.json has sha256 [0-9a-f]{64}: the manifest changed after signing$/),
    ]);
    expect(failed(await verify('v1.2.0'))).toEqual([expect.stringMatching(/^chain v1.1.0: the manifest of v1.1.0 has sha256 [0-9a-f]{64}, but v1.2.0 names [0-9a-f]{64}: it was replaced or altered$/)]);
  });

  it('fails a manifest whose byte change breaks its JSON', async () => {
    const { releases, verify } = await signedRelease();
    flipByte(join(releases, 'v1.2.0', 'manifest.json'), 0);
    expect(failed(await verify())).toEqual([expect.stringMatching(/^manifest manifest.json: not a valid evidence-manifest/)]);
  });

  it('names a changed signature', async () => {
    const { releases, verify } = await signedRelease();
    const path = join(releases, 'v1.2.0', 'manifest.sigstore.json');
    const bundle = JSON.parse(readFileSync(path, 'utf8'));
    const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64');
    sig[sig.length - 1] = sig[sig.length - 1]! ^ 1;
    bundle.dsseEnvelope.signatures[0].sig = sig.toString('base64');
    chmodSync(path, 0o644);
    writeFileSync(path, JSON.stringify(bundle));
    expect(failed(await verify())).toEqual([expect.stringMatching(/^signature manifest.sigstore.json: /)]);
  });

  it('fails a signature by another key', async () => {
    const { dir, verify } = await signedRelease();
    const other = makeKeyPair(tempDir());
    const result = await verify('v1.2.0', { keyFile: other.publicKey });
    expect(failed(result)).toEqual([expect.stringMatching(/^signature manifest.sigstore.json: /)]);
    expect(dir).toBeDefined();
  });

  it('reports a release removed from the middle of the chain', async () => {
    const { releases, verify } = await signedRelease();
    rmSync(join(releases, 'v1.1.0'), { recursive: true, force: true });
    expect(failed(await verify())).toEqual([expect.stringMatching(/^chain v1.1.0: gap: release v1.1.0, the previous of v1.2.0, is missing from file:\/\//)]);
  });

  it('does not follow a previous-release tag that leaves the releases folder', async () => {
    const { releases, verify } = await signedRelease();
    const path = join(releases, 'v1.1.0', 'manifest.json');
    chmodSync(path, 0o644);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"previousRelease": "v1.0.0"', '"previousRelease": "v1/../../../outside"'));
    const chain = (await verify('v1.1.0', { allowUnsigned: true })).checks.find((c) => c.check === 'chain');
    expect(chain).toEqual({ check: 'chain', subject: 'v1.1.0', result: 'fail', detail: "names the previous release 'v1/../../../outside', which is not a valid tag (it could point outside the releases)" });
  });

  it('reports a file added to the bundle after it was built, and a missing one', async () => {
    const { releases, verify } = await signedRelease();
    writeFileSync(join(releases, 'v1.2.0', 'extra.txt'), 'x');
    rmSync(join(releases, 'v1.2.0', 'reports/notes.txt'), { force: true });
    expect(failed(await verify())).toEqual([
      'artifact reports/notes.txt: listed in the manifest but missing from the bundle',
      'unlisted extra.txt: present in the bundle but not listed in the manifest: added after the bundle was built',
    ]);
  });

  it('does not count the bundle of a nested release tag (v1.0.0/hotfix) as files added to v1.0.0', async () => {
    const { dir, keys, releases, verify } = await signedRelease();
    await build({ artifactsDir: writeTree(join(dir, 'hotfix'), { 'notes.txt': 'hotfix' }), outDir: join(releases, 'v1.0.0', 'hotfix'), release: 'v1.0.0/hotfix', sign: { type: 'key', keyFile: keys.privateKey } });
    expect(failed(await verify('v1.0.0'))).toEqual([]);
    expect(failed(await verify('v1.0.0/hotfix'))).toEqual([]);
    // A folder whose manifest names another release is still an addition.
    writeTree(join(releases, 'v1.0.0', 'extra'), { 'manifest.json': readFileSync(join(releases, 'v1.0.0', 'hotfix', 'manifest.json')), 'payload.bin': 'x' });
    expect(failed(await verify('v1.0.0'))).toEqual([
      'unlisted extra/manifest.json: present in the bundle but not listed in the manifest: added after the bundle was built',
      'unlisted extra/payload.bin: present in the bundle but not listed in the manifest: added after the bundle was built',
    ]);
  });

  it('fails an unsigned bundle unless asked to accept it', async () => {
    const dir = tempDir();
    await build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: join(dir, 'v1.0.0') });
    expect(failed(await verifyBundle({ location: join(dir, 'v1.0.0'), now: NOW }, verifyIo))).toEqual(['signature manifest.sigstore.json: the bundle is not signed']);
    expect((await verifyBundle({ location: join(dir, 'v1.0.0'), now: NOW, allowUnsigned: true }, verifyIo)).ok).toBe(true);
  });

  it('refuses network locations with --offline', async () => {
    await expect(verifyBundle({ location: 's3://bucket/v1.0.0', offline: true, now: NOW }, verifyIo)).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('FileStore', () => {
  it('stores read-only files, keeps identical ones, and refuses other content under a stored name', async () => {
    const dir = tempDir();
    const source = writeTree(join(dir, 'src'), { 'a.txt': 'one', 'b.txt': 'two' });
    const store = new FileStore(join(dir, 'store'));
    await store.preflight();
    const one = { sha256: '7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed', size: 3 };
    await store.put('x/a.txt', join(source, 'a.txt'), one);
    expect((await store.inspect('x/a.txt'))?.notes).toEqual([]);
    await expect(store.put('x/a.txt', join(source, 'a.txt'), one)).resolves.toMatchObject({ sha256: one.sha256 });
    await expect(store.put('x/a.txt', join(source, 'b.txt'), { sha256: '3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3', size: 3 })).rejects.toMatchObject({ code: 'STORE_OBJECT_EXISTS' });
    expect(readFileSync(join(dir, 'store/x/a.txt'), 'utf8')).toBe('one');
    await expect(store.put('../escape.txt', join(source, 'a.txt'), one)).rejects.toMatchObject({ code: 'ARTIFACT_REFUSED' });
  });
});
