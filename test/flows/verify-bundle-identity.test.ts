import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { runRestoreDrill } from '../../flows/run-restore-drill.js';
import { verifyBundle, type VerifyBundleInput } from '../../flows/verify-bundle.js';
import { openStore } from '../../adapters/store/open-store.js';
import { TEST_NOW, fixedClock } from '../helpers/clock.js';
import { memoryStore } from '../helpers/memory-store.js';
import { verifyIo } from '../helpers/real-adapters.js';
import { build, makeArtifacts, makeKeyPair, tempDir, writeTree } from '../helpers/release-bundle.js';

/**
 * Which release a bundle must be of: `--release`, or the end of its location as publish lays tags
 * out (`<store>/<tag>`, a tag with `/` as nested folders). Another release's bundle in a tag's place
 * is intact in every other way, so this check alone must fail it.
 */

const NOW = new Date(TEST_NOW);
let dir = '';
let keys: { privateKey: string; publicKey: string };

/** The failed checks, as the text report prints them. */
const failed = (v: Awaited<ReturnType<typeof verifyBundle>>) => v.checks.filter((c) => c.result === 'fail').map((c) => `${c.check} ${c.subject}: ${c.detail}`);
const releaseCheck = (v: Awaited<ReturnType<typeof verifyBundle>>) => v.checks.find((c) => c.check === 'release');
const verify = (location: string, extra: Partial<VerifyBundleInput> = {}) => verifyBundle({ location, keyFile: keys.publicKey, now: NOW, ...extra }, verifyIo);

beforeAll(async () => {
  dir = tempDir('maestro-identity-');
  keys = makeKeyPair(dir);
  const artifactsDir = makeArtifacts(join(dir, 'artifacts'));
  const store = pathToFileURL(join(dir, 'store')).href;
  const sign = { type: 'key' as const, keyFile: keys.privateKey };
  await build({ artifactsDir, outDir: join(dir, 'out/v1.0.0'), release: 'v1.0.0', sign, store });
  await build({ artifactsDir, outDir: join(dir, 'out/v1.1.0'), release: 'v1.1.0', previousRelease: 'v1.0.0', sign, store });
  await build({ artifactsDir: writeTree(join(dir, 'hotfix'), { 'notes.txt': 'hotfix\n' }), outDir: join(dir, 'out/hotfix'), release: 'v1.0.0/hotfix', sign, store });
  await build({ artifactsDir, outDir: join(dir, 'out/web'), release: 'web/v2.0.0', sign, store });
});

/** A copy of the store to change. */
function copyOfStore(): string {
  const copy = tempDir('maestro-identity-copy-');
  cpSync(join(dir, 'store'), copy, { recursive: true });
  return copy;
}

describe('the release check of maestro verify', () => {
  it('takes the last segment of a one-segment tag, and says so', async () => {
    const result = await verify(join(dir, 'store/v1.1.0'));
    expect(failed(result)).toEqual([]);
    expect(releaseCheck(result)).toEqual({ check: 'release', subject: 'v1.1.0', result: 'pass', detail: `the manifest is of release v1.1.0, as asked for (the last segment of ${pathToFileURL(join(dir, 'store/v1.1.0')).href})` });
  });

  it('takes as many segments as the tag has where its parent is no release (web/v2.0.0)', async () => {
    const result = await verify(join(dir, 'store/web/v2.0.0'));
    expect(failed(result)).toEqual([]);
    expect(releaseCheck(result)?.detail).toMatch(/^the manifest is of release web\/v2.0.0, as asked for \(the last 2 segments of file:\/\/\S+\/store\/web\/v2.0.0\)$/);
  });

  it('reads a nested tag below the release whose bundle holds it (v1.0.0/hotfix inside v1.0.0)', async () => {
    const result = await verify(join(dir, 'store/v1.0.0/hotfix'));
    expect(failed(result)).toEqual([]);
    expect(releaseCheck(result)?.detail).toMatch(/^the manifest is of release v1.0.0\/hotfix, as asked for \(file:\/\/\S+\/store\/v1.0.0\/hotfix lies inside the bundle of release v1.0.0 at file:\/\/\S+\/store\/v1.0.0\)$/);
  });

  it('fails a bundle that matches only the tail of its place below another release', async () => {
    const store = copyOfStore();
    cpSync(join(store, 'v1.0.0'), join(store, 'v1.1.0/v1.0.0'), { recursive: true });
    expect(failed(await verify(join(store, 'v1.1.0/v1.0.0')))).toEqual([expect.stringMatching(/^release v1.1.0\/v1.0.0: the manifest is of release v1.0.0, but v1.1.0\/v1.0.0 was asked for \(file:\/\/\S+ lies inside the bundle of release v1.1.0 at file:\/\/\S+\/v1.1.0\)$/)]);
    // And v1.1.0 itself reports the copy as files added to it.
    expect(failed(await verify(join(store, 'v1.1.0')))).toContain('unlisted v1.0.0/manifest.json: present in the bundle but not listed in the manifest: added after the bundle was built');
  });

  it('takes the path below --releases when the bundle lies there', async () => {
    const store = copyOfStore();
    expect(releaseCheck(await verify(join(store, 'web/v2.0.0'), { releases: store }))?.detail).toMatch(/^the manifest is of release web\/v2.0.0, as asked for \(the path of \S+ below --releases file:\/\/\S+\)$/);
    cpSync(join(store, 'v1.0.0'), join(store, 'web/v1.0.0'), { recursive: true });
    // Without --releases, the last segment of web/v1.0.0 matches: the tag is ambiguous there (README); with it, it is not.
    expect(failed(await verify(join(store, 'web/v1.0.0')))).toEqual([]);
    expect(failed(await verify(join(store, 'web/v1.0.0'), { releases: store }))).toEqual([expect.stringMatching(/^release web\/v1.0.0: the manifest is of release v1.0.0, but web\/v1.0.0 was asked for \(the path of \S+ below --releases file:\/\/\S+\)$/)]);
  });

  it('checks --release against the manifest wherever the bundle lies', async () => {
    expect(failed(await verify(join(dir, 'out/v1.1.0'), { release: 'v1.1.0', releases: join(dir, 'store') }))).toEqual([]);
    expect(failed(await verify(join(dir, 'out/v1.1.0'), { release: 'v1.2.0', releases: join(dir, 'store') }))).toEqual(['release v1.2.0: the manifest is of release v1.1.0, but v1.2.0 was asked for (--release)']);
    await expect(verify(join(dir, 'out/v1.1.0'), { release: 'v1/../../x' })).rejects.toMatchObject({ code: 'USAGE', message: "--release 'v1/../../x' is not a release tag" });
  });

  it('fails a bundle at a location with no path, asking for --release', async () => {
    const objects = new Map(['manifest.json', 'manifest.sigstore.json', 'gates/decision-log.json', 'reports/notes.txt', 'sbom/app.spdx.bin'].map((k) => [k, readFileSync(join(dir, 'out/v1.0.0', k))]));
    const store = memoryStore('memory://bucket', objects);
    expect(failed(await verifyBundle({ location: store, keyFile: keys.publicKey, now: NOW }, verifyIo))).toEqual(['release v1.0.0: the manifest is of release v1.0.0, but memory://bucket has no path to tell which release was asked for: pass --release <tag>']);
    expect(failed(await verifyBundle({ location: store, keyFile: keys.publicKey, now: NOW, release: 'v1.0.0' }, verifyIo))).toEqual([]);
  });

  it('fails the restore drill of a release whose place holds another release\'s bundle', async () => {
    const store = copyOfStore();
    cpSync(join(store, 'v1.0.0/manifest.json'), join(store, 'v1.1.0/manifest.json'), { force: true });
    cpSync(join(store, 'v1.0.0/manifest.sigstore.json'), join(store, 'v1.1.0/manifest.sigstore.json'), { force: true });
    const report = await runRestoreDrill({ store: await openStore(store), release: 'v1.1.0', rtoSeconds: 600, trust: { keyFile: keys.publicKey }, subject: { repo: 'acme/web', sha: 'c'.repeat(40) }, producer: { name: 'test', version: '0' }, now: fixedClock() }, verifyIo);
    const steps = (report.data as { steps: Array<{ name: string; result: string; detail: string }> }).steps;
    expect(steps.find((s) => s.name === 'read the manifest')).toEqual({ name: 'read the manifest', result: 'fail', detail: expect.stringMatching(/^1 of 3 failed: v1.1.0: the manifest is of release v1.0.0, but v1.1.0 was asked for \(the last segment of file:\/\/\S+\/v1.1.0\)$/) });
    expect((report.data as { status: string }).status).toBe('fail');
  });
});
