import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { makeReport } from '../helpers/build-evidence.js';
import { fixedClock } from '../helpers/clock.js';
import { decisionLog } from '../helpers/portal-fixture.js';
import { openLedgerAt } from '../helpers/real-adapters.js';
import { makeArtifacts, makeKeyPair, RELEASE_COMMIT, tempDir, writeTree } from '../helpers/release-bundle.js';
import { runMain } from '../helpers/run-main.js';

const root = resolve(import.meta.dirname, '../..');
const release = ['--release', 'v1.0.0', '--repo', 'acme/web', '--commit', RELEASE_COMMIT, '--created-at', '2026-11-20T12:00:00Z'];
const json = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

/** Decision logs of two pull requests (one evaluated twice), a log of another repository, and a file that is no report. */
function makeLogs(dir: string): string {
  return writeTree(dir, {
    '12-first.json': JSON.stringify(decisionLog('a'.repeat(40), '2026-11-18T09:00:00Z', [{ ruleId: 'GA-25', result: 'fail', explanation: 'no' }], { pr: 12, conclusion: 'failure' })),
    '12-second.json': JSON.stringify(decisionLog('a'.repeat(40), '2026-11-18T10:00:00Z', [{ ruleId: 'GA-25', result: 'pass', explanation: 'met' }], { pr: 12 })),
    'nested/14.json': JSON.stringify(decisionLog('b'.repeat(40), '2026-11-19T10:00:00Z', [{ ruleId: 'GA-25', result: 'pass', explanation: 'met' }], { pr: 14 })),
    'other-repo.json': JSON.stringify({ ...decisionLog('c'.repeat(40), '2026-11-19T10:00:00Z', [], { pr: 99 }), subject: { repo: 'acme/other', sha: 'c'.repeat(40), pr: 99 } }),
    'notes.json': '{"not": "a report"}',
  });
}

function drill(at: string, drillName: string, status = 'pass'): string {
  return JSON.stringify(makeReport('drill-report', { drill: drillName, status, startedAt: at, finishedAt: at, durationSeconds: 60, targets: { rtoSeconds: 3600 }, measured: { rtoSeconds: 60 }, steps: [{ name: 'restore', result: status, detail: 'done' }] }, { createdAt: at }));
}

describe('maestro evidence bundle --pack', () => {
  it('gathers the pull requests\' decision logs, the ledger range, the drills in force and the catalog; the bundle verifies', async () => {
    const dir = tempDir('maestro-pack-');
    const keys = makeKeyPair(dir);
    const ledger = join(dir, 'ledger');
    const opened = await openLedgerAt(ledger, { now: fixedClock() });
    for (let i = 0; i < 3; i++) await opened.append({ action: 'waiver.granted', actor: 'alice', at: '2026-11-19T10:00:00Z', repo: 'acme/web', controlId: 'GA-25', reason: `reason ${i}` });
    writeTree(dir, {
      'reports/restore-old.json': drill('2026-11-01T10:00:00Z', 'restore', 'fail'),
      'reports/restore-new.json': drill('2026-11-10T10:00:00Z', 'restore'),
      'reports/restore-after-release.json': drill('2026-11-21T10:00:00Z', 'restore', 'fail'),
      'reports/worm.json': drill('2026-11-02T10:00:00Z', 'worm'),
      'pulls.json': JSON.stringify({ pulls: [{ number: 12, title: 'Checkout form', author: 'dev', openedAt: '2026-11-17T09:00:00Z', mergedAt: '2026-11-18T11:00:00Z' }, { number: 13, title: 'Hotfix' }] }),
    });
    const out = join(dir, 'v1.0.0');
    const built = await runMain(['evidence', 'bundle', ...release, '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', out, '--sign', `key:${keys.privateKey}`, '--ledger', ledger,
      '--decision-logs', makeLogs(join(dir, 'logs')), '--pulls', join(dir, 'pulls.json'), '--reports', join(dir, 'reports'), '--format', 'json']);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(JSON.parse(built.stdout).pack).toEqual({ pulls: 2, pullsWithoutDecisionLog: [13], reports: 2, ledger: { from: 1, to: 3 }, required: { controls: [], missing: [], override: null } });
    const index = json(join(out, 'pack/index.json'));
    expect(index.pulls).toEqual([
      { number: 12, title: 'Checkout form', author: 'dev', openedAt: '2026-11-17T09:00:00Z', mergedAt: '2026-11-18T11:00:00Z', decisionLogs: ['pack/pulls/12/20261118T090000Z-aaaaaaaaaaaa.json', 'pack/pulls/12/20261118T100000Z-aaaaaaaaaaaa.json'] },
      { number: 13, title: 'Hotfix', decisionLogs: [] },
    ]);
    expect(index.reports).toEqual([
      { path: 'pack/reports/drill-restore.json', kind: 'drill-report', drill: 'restore', status: 'pass', at: '2026-11-10T10:00:00Z' },
      { path: 'pack/reports/drill-worm.json', kind: 'drill-report', drill: 'worm', status: 'pass', at: '2026-11-02T10:00:00Z' },
    ]);
    expect(index.ledger).toMatchObject({ from: 1, to: 3, entries: ['pack/ledger/000000000001.json', 'pack/ledger/000000000002.json', 'pack/ledger/000000000003.json'] });
    expect(readFileSync(join(out, 'pack/ledger/000000000002.json'))).toEqual(readFileSync(join(ledger, 'entries/000000000002.json')));
    expect(createHash('sha256').update(readFileSync(join(out, 'pack/catalog.json'))).digest('hex')).toBe(index.catalog.sha256);
    expect(index.catalog.sha256).toBe(index.catalog.digest);
    expect(index.config).toBeNull();
    const manifest = json(join(out, 'manifest.json'));
    expect(manifest.data.ledger).toMatchObject({ seq: 3 });
    expect(manifest.data.artifacts.filter((a: { path: string }) => a.path.startsWith('pack/')).map((a: { path: string; kind?: string }) => [a.path, a.kind ?? null])).toEqual([
      ['pack/catalog.json', null], ['pack/index.json', null], ['pack/ledger/000000000001.json', null], ['pack/ledger/000000000002.json', null], ['pack/ledger/000000000003.json', null],
      ['pack/pulls/12/20261118T090000Z-aaaaaaaaaaaa.json', 'decision-log'], ['pack/pulls/12/20261118T100000Z-aaaaaaaaaaaa.json', 'decision-log'], ['pack/pulls/14/20261119T100000Z-bbbbbbbbbbbb.json', 'decision-log'],
      ['pack/reports/drill-restore.json', 'drill-report'], ['pack/reports/drill-worm.json', 'drill-report'],
    ].filter(([p]) => p !== 'pack/pulls/14/20261119T100000Z-bbbbbbbbbbbb.json'));
    const verified = await runMain(['verify', out, '--key', keys.publicKey, '--offline', '--format', 'json']);
    expect([verified.code, JSON.parse(verified.stdout).ok]).toEqual([0, true]);
  });

  it('without a list of pull requests, takes every pull request its decision logs name in the repository', async () => {
    const dir = tempDir('maestro-pack-');
    const out = join(dir, 'v1.0.0');
    const built = await runMain(['evidence', 'bundle', ...release, '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', out, '--decision-logs', makeLogs(join(dir, 'logs'))]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(built.stdout).toContain('evidence pack: 2 pull request(s), 0 drill/drift report(s), catalog ');
    expect(json(join(out, 'pack/index.json')).pulls.map((p: { number: number; decisionLogs: string[] }) => [p.number, p.decisionLogs.length])).toEqual([[12, 2], [14, 1]]);
  });

  it('refuses a list of pull requests that is not one, naming the field', async () => {
    const dir = tempDir('maestro-pack-');
    writeFileSync(join(dir, 'pulls.json'), JSON.stringify({ pulls: [{ number: 1, openedAt: 'yesterday' }] }));
    const built = await runMain(['evidence', 'bundle', ...release, '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', join(dir, 'out'), '--pulls', join(dir, 'pulls.json')]);
    expect(built.code).toBe(2);
    expect(built.stderr).toContain('/pulls/0/openedAt: must be an RFC 3339 time');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('controls required for every release', () => {
  /** The shipped catalog with GA-17 (evidence pack) and GA-25 (accessibility) marked requiredForRelease. */
  function requiringCatalog(dir: string): string {
    const catalog = join(dir, 'catalog');
    cpSync(join(root, 'controls'), catalog, { recursive: true });
    for (const file of ['ga-17-evidence-pack.yml', 'ga-25-accessibility.yml']) writeFileSync(join(catalog, file), `${readFileSync(join(catalog, file), 'utf8')}requiredForRelease: true\n`);
    return catalog;
  }

  it('refuse a release whose pack lacks their evidence (exit 1, naming them) and write nothing', async () => {
    const dir = tempDir('maestro-required-');
    const out = join(dir, 'v1.0.0');
    const built = await runMain(['evidence', 'bundle', ...release, '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', out, '--catalog', requiringCatalog(dir)]);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/^release refused: no evidence in the pack for 2 control\(s\) the catalog requires for every release: GA-17, GA-25\n/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('count a met decision of the release\'s gate or a report of a required kind as evidence', async () => {
    const dir = tempDir('maestro-required-');
    const artifacts = makeArtifacts(join(dir, 'artifacts'));
    writeTree(artifacts, {
      'gates/decision-log.json': JSON.stringify(decisionLog(RELEASE_COMMIT, '2026-11-20T11:00:00Z', [{ ruleId: 'GA-17', result: 'pass', explanation: 'met' }])),
      'a11y.json': readFileSync(join(root, 'test/fixtures/evidence/valid/a11y.json')),
    });
    const out = join(dir, 'v1.0.0');
    const built = await runMain(['evidence', 'bundle', ...release, '--artifacts', artifacts, '--out', out, '--catalog', requiringCatalog(dir)]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(json(join(out, 'pack/index.json')).required).toEqual({ controls: [{ id: 'GA-17', evidence: ['gates/decision-log.json#dec_0000000000000001'] }, { id: 'GA-25', evidence: ['a11y.json'] }], missing: [], override: null });
  });

  it('publish with --override-required, which the pack records with who, when and why', async () => {
    const dir = tempDir('maestro-required-');
    const out = join(dir, 'v1.0.0');
    const built = await runMain(['evidence', 'bundle', ...release, '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', out, '--catalog', requiringCatalog(dir), '--override-required', 'security fix; the a11y audit follows in v1.0.1'], { GITHUB_ACTOR: 'release-manager' });
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(built.stdout).toContain('OVERRIDDEN: published without evidence for GA-17, GA-25 by release-manager: security fix; the a11y audit follows in v1.0.1');
    expect(json(join(out, 'pack/index.json')).required.override).toEqual({ by: 'release-manager', reason: 'security fix; the a11y audit follows in v1.0.1', at: '2026-11-20T12:00:00Z', controls: ['GA-17', 'GA-25'] });
    const empty = await runMain(['evidence', 'bundle', ...release, '--artifacts', join(dir, 'artifacts'), '--out', join(dir, 'other'), '--catalog', join(dir, 'catalog'), '--override-required', ' ']);
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('--override-required needs a reason')]);
  });
});
