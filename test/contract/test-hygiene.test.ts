import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { leaseService, releaseRun, stopServicesOfRun } from '../global-teardown.js';
import { sharedFolder } from '../helpers/shared-dir.js';

type Call = [kind: string, name: string];

/** Calls `suite.describe` with Jest's globals replaced by recorders, and returns what it registered. */
function registered(run: () => void): { calls: Call[]; bodies: Array<() => unknown> } {
  const calls: Call[] = [];
  const bodies: Array<() => unknown> = [];
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { describe: g.describe, it: g.it };
  const fake = (kind: string) => Object.assign((name: string, fn: () => unknown) => { calls.push([kind, name]); bodies.push(fn); }, { skip: (name: string, fn: () => unknown) => { calls.push([`${kind}.skip`, name]); bodies.push(fn); } });
  g.describe = fake('describe');
  g.it = fake('it');
  try {
    run();
    // The suites' bodies register their tests.
    for (let i = 0; i < bodies.length; i++) if (calls[i]![0].startsWith('describe')) bodies[i]!();
  } finally {
    Object.assign(g, saved);
  }
  return { calls, bodies };
}

describe('tests that read the shared folder', () => {
  const missing = { MAESTRO_SAMPLES_DIR: '/nonexistent/samples' };
  const body = () => {
    throw new Error('the suite body must not run when its folder is absent');
  };

  it('run as usual when the folder is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shared-'));
    const folder = sharedFolder('samples', 'MAESTRO_SAMPLES_DIR', 'samples', { MAESTRO_SAMPLES_DIR: dir });
    expect(folder.dir).toBe(dir);
    expect(folder.require('a.json')).toBe(join(dir, 'a.json'));
    let ran = false;
    expect(registered(() => folder.describe('suite', () => { ran = true; })).calls).toEqual([['describe', 'suite']]);
    expect(ran).toBe(true);
  });

  it('skip outside CI with the reason, never running the suite body', () => {
    const folder = sharedFolder('samples', 'MAESTRO_SAMPLES_DIR', 'samples', missing);
    expect(folder.dir).toBeUndefined();
    expect(registered(() => folder.describe('suite', body)).calls).toEqual([
      ['describe.skip', 'suite (skipped: samples/ is absent)'],
      ['it.skip', '../shared/samples (samples) is absent (looked in /nonexistent/samples)'],
    ]);
  });

  it.each(['true', '1'])('fail with the remedy when CI=%s', (ci) => {
    const folder = sharedFolder('samples', 'MAESTRO_SAMPLES_DIR', 'samples', { ...missing, CI: ci });
    const { calls, bodies } = registered(() => folder.describe('suite', body));
    expect(calls).toEqual([['describe', 'suite'], ['it', 'has samples/ to read']]);
    expect(() => bodies[1]!()).toThrow(/is absent .*in CI these tests fail rather than skip\. Remedy: .*set MAESTRO_SAMPLES_DIR/);
  });

  it('give scripts outside Jest the reason and remedy as an error', () => {
    expect(() => sharedFolder('samples', 'MAESTRO_SAMPLES_DIR', 'samples', missing).require('x')).toThrow('../shared/samples (samples) is absent (looked in /nonexistent/samples). Remedy: check the repository out');
  });
});

describe('services the tests start', () => {
  /** A repository with a fake stop script that records which data folder it stopped. */
  function repo(): { root: string; stopped: () => string[] } {
    const root = mkdtempSync(join(tmpdir(), 'services-'));
    mkdirSync(join(root, 'scripts/services'), { recursive: true });
    const log = join(root, 'stopped.log');
    for (const name of ['redis', 's3']) writeFileSync(join(root, 'scripts/services', `${name}-stop.sh`), `echo "$1" >> ${JSON.stringify(log)}\n`);
    return { root, stopped: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => line.slice(root.length + 1)) : []) };
  }
  const everyoneAlive = () => true;

  it('are leased to this run: global setup names it for every test process (the Jest main process)', () => {
    expect([String(process.pid), String(process.ppid)]).toContain(process.env.MAESTRO_TEST_RUN);
  });

  it('are stopped at the end of the run that used them', () => {
    const { root, stopped } = repo();
    leaseService(join(root, '.services'), 'redis', '100');
    leaseService(join(root, '.services'), 's3', '100');
    expect(stopServicesOfRun(root, '100', {}, everyoneAlive)).toEqual([{ name: 'redis', action: 'stopped' }, { name: 's3', action: 'stopped' }]);
    expect(stopped()).toEqual(['.services/redis', '.services/s3']);
    expect(readdirSync(join(root, '.services/leases/redis'))).toEqual([]);
  });

  it('are kept running with MAESTRO_KEEP_SERVICES=1', () => {
    const { root, stopped } = repo();
    leaseService(join(root, '.services'), 'redis', '100');
    expect(stopServicesOfRun(root, '100', { MAESTRO_KEEP_SERVICES: '1' }, everyoneAlive)).toEqual([{ name: 'redis', action: 'kept' }]);
    expect(stopped()).toEqual([]);
  });

  it('are left running while another live run still uses them, and stopped by the last one', () => {
    const { root, stopped } = repo();
    const services = join(root, '.services');
    leaseService(services, 'redis', '100');
    leaseService(services, 'redis', '200');
    leaseService(services, 's3', '200');
    expect(stopServicesOfRun(root, '100', {}, everyoneAlive)).toEqual([]);
    expect(stopped()).toEqual([]);
    expect(stopServicesOfRun(root, '200', {}, everyoneAlive)).toEqual([{ name: 'redis', action: 'stopped' }, { name: 's3', action: 'stopped' }]);
  });

  it('forget the leases of runs that died, and leave alone services the run did not use', () => {
    const services = join(mkdtempSync(join(tmpdir(), 'services-')), '.services');
    leaseService(services, 'redis', '100');
    leaseService(services, 'redis', '999');
    leaseService(services, 's3', '999');
    expect(releaseRun(services, '100', (run) => run !== '999')).toEqual(['redis']);
    expect(readdirSync(join(services, 'leases/s3'))).toEqual(['999']);
  });
});
