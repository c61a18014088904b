import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, jest } from '@jest/globals';
import { restoreDrillCommand } from '../../cli/commands/drill.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import { runRestoreDrill } from '../../flows/run-restore-drill.js';
import { openStore } from '../../adapters/store/open-store.js';
import { fixedClock } from '../helpers/clock.js';
import { verifyIo } from '../helpers/real-adapters.js';
import { build, makeArtifacts, makeKeyPair, tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');
const commit = 'c'.repeat(40);

function maestro(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), 'drill', 'restore', ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH!, HOME: process.env.HOME! } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A file:// store with two signed, chained releases; v1.1.0 is the newer. */
async function makeStore() {
  const dir = tempDir('maestro-restore-');
  const keys = makeKeyPair(dir);
  const artifactsDir = makeArtifacts(join(dir, 'artifacts'));
  const store = pathToFileURL(join(dir, 'store')).href;
  const sign = { type: 'key' as const, keyFile: keys.privateKey };
  await build({ artifactsDir, outDir: join(dir, 'b1'), release: 'v1.0.0', createdAt: '2026-11-20T12:00:00Z', sign, store });
  await build({ artifactsDir, outDir: join(dir, 'b2'), release: 'v1.1.0', createdAt: '2026-11-21T12:00:00Z', previousRelease: 'v1.0.0', sign, store });
  return { dir, keys, store, storeDir: join(dir, 'store') };
}

/** Replaces a stored (read-only) file, as someone with access to the folder could. */
function tamper(file: string, content: string): void {
  chmodSync(file, 0o644);
  writeFileSync(file, content);
}

describe('maestro drill restore', () => {
  it('restores the newest bundle, verifies it end to end within the RTO and writes a valid drill-report (exit 0)', async () => {
    const { dir, keys, store } = await makeStore();
    const out = join(dir, 'report.json');
    // Without --rpo: the recovery point is measured on the real clock, so passing or failing an RPO here would depend on the date.
    const result = maestro('--store', store, '--rto', 'PT10M', '--key', keys.publicKey, '--out', out, '--repo', 'acme/web', '--commit', commit);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('PASS  find the latest bundle: newest release is v1.1.0, made 2026-11-21T12:00:00Z');
    expect(result.stdout).toMatch(/PASS {2}walk the hash chain to the first release: 1 passed: v1\.1\.0: 1 earlier release\(s\) linked/);
    expect(result.stdout).toMatch(/Restore drill passed; report written to /);
    const item = parseEvidence(readFileSync(out), 'report.json');
    expect(item.status).toBe('valid');
    const data = (item.status === 'valid' ? item.report.data : {}) as { drill: string; status: string; targets: object; measured: { rtoSeconds: number; rpoSeconds: number }; steps: Array<{ name: string; result: string }>; store: string };
    expect(data).toMatchObject({ drill: 'restore', status: 'pass', targets: { rtoSeconds: 600 }, store });
    expect(data.measured).toEqual({ rtoSeconds: expect.any(Number), rpoSeconds: expect.any(Number) });
    expect(data.measured.rtoSeconds).toBeLessThan(600);
    expect(data.steps.map((s) => [s.name, s.result])).toEqual([
      ['find the latest bundle', 'pass'],
      ['read the manifest', 'pass'],
      ['fetch every artifact and match its sha256', 'pass'],
      ['no object beside the listed ones', 'pass'],
      ['check the signature and signer', 'pass'],
      ['walk the hash chain to the first release', 'pass'],
      ['recovery within the RTO', 'pass'],
    ]);
  });

  it('measures the recovery point by the clock it is given: the release made 2026-11-21T12:00:00Z is within an RPO of a day on 2026-11-22 and not on 2026-11-23', async () => {
    const { dir, keys, store } = await makeStore();
    let printed = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true));
    try {
      const drill = (at: string, out: string) => restoreDrillCommand({ store, rto: 'PT10M', rpo: 'P1D', key: keys.publicKey, out: join(dir, out), repo: 'acme/web', commit, now: fixedClock(at) });
      expect(await drill('2026-11-22T06:00:00Z', 'in-time.json')).toBe(0);
      expect(printed).toContain('PASS  recovery point within the RPO: the restored release is 64800 s old; the RPO is 86400 s');
      expect(await drill('2026-11-23T06:00:00Z', 'late.json')).toBe(1);
      expect(printed).toContain('FAIL  recovery point within the RPO: the restored release is 151200 s old; the RPO is 86400 s');
    } finally {
      jest.restoreAllMocks();
    }
    const report = parseEvidence(readFileSync(join(dir, 'late.json')), 'late.json');
    expect(report.status === 'valid' && report.report.data).toMatchObject({ status: 'fail', targets: { rtoSeconds: 600, rpoSeconds: 86_400 }, measured: { rtoSeconds: 0, rpoSeconds: 151_200 } });
  });

  it('fails (exit 1) when an object of the bundle was altered, naming it', async () => {
    const { keys, store, storeDir } = await makeStore();
    tamper(join(storeDir, 'v1.1.0/reports/notes.txt'), 'release notez\n');
    const result = maestro('--store', store, '--rto', 'PT10M', '--key', keys.publicKey, '--repo', 'acme/web', '--commit', commit);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL {2}fetch every artifact and match its sha256: 1 of 3 failed: reports\/notes.txt: changed: sha256 is [0-9a-f]{64}/);
    expect(result.stdout).toMatch(/Restore drill FAILED\n$/);
  });

  it('fails (exit 1) when an object is missing, or an earlier release of the chain is', async () => {
    const { keys, store, storeDir } = await makeStore();
    rmSync(join(storeDir, 'v1.1.0/sbom/app.spdx.bin'), { force: true });
    rmSync(join(storeDir, 'v1.0.0/manifest.json'), { force: true });
    const result = maestro('--store', store, '--rto', 'PT10M', '--key', keys.publicKey, '--repo', 'acme/web', '--commit', commit);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  fetch every artifact and match its sha256: 1 of 3 failed: sbom/app.spdx.bin: listed in the manifest but missing from the bundle');
    expect(result.stdout).toContain('FAIL  walk the hash chain to the first release: 1 of 1 failed: v1.0.0: gap: release v1.0.0, the previous of v1.1.0, is missing');
  });

  it('restores the release it is given, and fails when the store does not hold it', async () => {
    const { keys, store } = await makeStore();
    expect(maestro('--store', store, '--release', 'v1.0.0', '--rto', 'PT1M', '--key', keys.publicKey, '--repo', 'acme/web', '--commit', commit).stdout).toContain('PASS  find the bundle: restoring release v1.0.0 as asked');
    const missing = maestro('--store', store, '--release', 'v9.9.9', '--rto', 'PT1M', '--key', keys.publicKey, '--repo', 'acme/web', '--commit', commit);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/FAIL {2}read the manifest: there is no manifest.json at file:\/\/\S+\/store\/v9.9.9: release v9.9.9 is missing from the store/);
  });

  it('fails when recovery takes longer than the RTO', async () => {
    const { keys, store } = await makeStore();
    let clock = Date.parse('2026-11-22T09:00:00Z');
    // Each reading of the clock is two minutes later: the drill takes longer than the one-minute RTO.
    const report = await runRestoreDrill({ store: await openStore(store), rtoSeconds: 60, trust: { keyFile: keys.publicKey }, subject: { repo: 'acme/web', sha: commit }, producer: { name: 'test', version: '0' }, now: () => new Date((clock += 120_000)) }, verifyIo);
    const data = report.data as { status: string; measured: { rtoSeconds: number }; steps: Array<{ name: string; result: string; detail: string }> };
    expect(data.status).toBe('fail');
    expect(data.measured.rtoSeconds).toBe(240);
    expect(data.steps.at(-1)).toEqual({ name: 'recovery within the RTO', result: 'fail', detail: 'fetched and verified in 240 s; the RTO is 60 s' });
  });

  it('fails when the store holds no bundle', async () => {
    const dir = tempDir('maestro-restore-empty-');
    const result = maestro('--store', dir, '--rto', 'PT1M', '--allow-unsigned', '--repo', 'acme/web', '--commit', commit);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAIL  find the latest bundle: ${pathToFileURL(dir).href} holds no release bundle (<tag>/manifest.json): there is nothing to restore`);
  });

  it.each([
    [['--rto', '4 hours'], "error USAGE: --rto '4 hours' is not a duration"],
    [['--rto', 'PT1H', '--rpo', 'P1M'], "error USAGE: --rpo 'P1M' is not a duration"],
    [['--rto', 'PT1H', '--release', '../../etc'], "error USAGE: --release '../../etc' is not a release tag"],
    [['--rto', 'PT1H', '--repo', 'acme/web'], 'error USAGE: the drill report needs the repository and commit'],
  ])('exits 2 on bad input %j, writing no report', (args, message) => {
    const dir = tempDir('maestro-restore-bad-');
    const out = join(dir, 'report.json');
    const result = maestro('--store', dir, '--out', out, ...args, ...(args.includes('--repo') ? [] : ['--repo', 'acme/web', '--commit', commit]));
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
