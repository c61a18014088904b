import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { run, type ActionIo } from '../../../actions/evidence-bundle/run.js';
import { verifyBundle } from '../../../flows/verify-bundle.js';
import { verifyLedgerStore } from '../../../flows/verify-ledger-store.js';
import { TEST_NOW } from '../../helpers/clock.js';
import { verifyIo } from '../../helpers/real-adapters.js';
import { makeArtifacts, makeKeyPair, taggedRepo, tempDir } from '../../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../../..');

function fakeIo() {
  const outputs: Record<string, string> = {};
  const log = { summary: '', failed: '', info: [] as string[] };
  const io: ActionIo = { setOutput: (k, v) => void (outputs[k] = v), appendSummary: async (m) => void (log.summary += m), setFailed: (m) => void (log.failed = m), info: (m) => void log.info.push(m) };
  return { io, outputs, log };
}

describe('the evidence-bundle action', () => {
  it('builds, signs and publishes the bundle of the tagged commit, dated by the commit, and says where it is', async () => {
    const dir = tempDir();
    const { workspace, sha } = taggedRepo(dir);
    const keys = makeKeyPair(dir);
    const { io, outputs, log } = fakeIo();
    const built = await run({ release: 'v2.0.0', artifacts: makeArtifacts(join(dir, 'artifacts')), out: join(dir, 'out'), sign: `key:${keys.privateKey}`, store: `file://${join(dir, 'store')}`, repo: 'acme/web', commit: sha, workspace }, io);
    expect(log.failed).toBe('');
    expect(built?.manifest.createdAt).toBe('2026-11-20T12:00:00Z');
    expect(outputs).toEqual({ 'bundle-dir': join(dir, 'out'), 'manifest-path': join(dir, 'out', 'manifest.json'), 'signature-path': join(dir, 'out', 'manifest.sigstore.json'), 'manifest-sha256': built!.manifestSha256, 'store-url': `file://${join(dir, 'store', 'v2.0.0')}`, 'ledger-entry': '', 'pack-index-path': '', 'pull-requests': '', 'pull-requests-without-decision-log': '', 'required-missing': '', 'override-required': '' });
    expect(log.summary).toContain(`| manifest.json sha256 | \`${built!.manifestSha256}\` |`);
    expect((await verifyBundle({ location: join(dir, 'store', 'v2.0.0'), keyFile: keys.publicKey, now: new Date(TEST_NOW) }, verifyIo)).ok).toBe(true);
  });

  it('records the publication in the audit ledger when given one', async () => {
    const dir = tempDir();
    const { workspace, sha } = taggedRepo(dir);
    const { io, outputs, log } = fakeIo();
    const built = await run({ release: 'v2.0.0', artifacts: makeArtifacts(join(dir, 'artifacts')), out: join(dir, 'out'), sign: 'none', store: `file://${join(dir, 'store')}`, ledgerStore: `file://${join(dir, 'ledger')}`, repo: 'acme/web', commit: sha, workspace }, io);
    expect(log.failed).toBe('');
    expect(outputs['ledger-entry']).toBe('1');
    expect(log.summary).toMatch(/\| Audit ledger \| entry 1 of file:\/\/.*ledger \(sha256 `[0-9a-f]{64}`\) \|/);
    const verified = await verifyLedgerStore({ location: join(dir, 'ledger') }, verifyIo);
    expect(verified).toMatchObject({ ok: true, entries: 1 });
    const entry = JSON.parse(readFileSync(join(dir, 'ledger', 'entries', '000000000001.json'), 'utf8')) as { event: Record<string, unknown> };
    expect(entry.event).toMatchObject({ action: 'bundle.published', repo: 'acme/web', sha, after: { release: 'v2.0.0', manifestSha256: built!.manifestSha256, signed: false, store: `file://${join(dir, 'store', 'v2.0.0')}` } });
  });

  it('fails the step with the error and its remedy', async () => {
    const dir = tempDir();
    const { workspace, sha } = taggedRepo(dir);
    const { io, log } = fakeIo();
    await run({ release: 'v2.0.0', artifacts: join(dir, 'missing'), out: join(dir, 'out'), sign: 'none', repo: 'acme/web', commit: sha, workspace }, io);
    expect(log.failed).toMatch(/^error FILE_NOT_FOUND: artifacts folder .*missing does not exist\n {2}remedy: /);
  });

  it('refuses a pack input that is not a boolean, and a decision-log artifact that is no artifact name, naming the input', async () => {
    const dir = tempDir();
    const { workspace, sha } = taggedRepo(dir);
    const base = { release: 'v2.0.0', artifacts: makeArtifacts(join(dir, 'artifacts')), out: join(dir, 'out'), sign: 'none', repo: 'acme/web', commit: sha, workspace };
    const pack = fakeIo();
    await run({ ...base, pack: 'yes' }, pack.io);
    expect(pack.log.failed).toMatch(/^error USAGE: the input pack "yes" is not true or false\n {2}remedy: set pack to true/);
    const artifact = fakeIo();
    await run({ ...base, decisionLogArtifact: '../logs' }, artifact.io);
    expect(artifact.log.failed).toMatch(/^error USAGE: decision-log-artifact "..\/logs" is not an artifact name/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('runs from its committed bundle as a runner runs it', () => {
    const dir = tempDir();
    const { workspace, sha } = taggedRepo(dir);
    const output = join(dir, 'output');
    writeFileSync(output, '');
    writeFileSync(join(dir, 'summary'), '');
    const result = spawnSync(process.execPath, [join(root, 'actions/dist/evidence-bundle.js')], {
      cwd: workspace,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(dir, 'summary'), RUNNER_TEMP: dir, GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: sha, GITHUB_REF_NAME: 'v2.0.0', GITHUB_WORKSPACE: workspace, GITHUB_ACTOR: 'rel-manager', INPUT_ARTIFACTS: makeArtifacts(join(dir, 'artifacts')), INPUT_SIGN: 'none', 'INPUT_LEDGER-STORE': join(dir, 'ledger') },
    });
    expect([result.status, result.stdout]).toEqual([0, expect.stringContaining('bundle v2.0.0: 5 artifacts')]);
    // The pack is gathered by default; without a token GitHub is not asked, and the step says so.
    expect(result.stdout).toContain('::warning::github-token is empty: the pull requests and their decision logs were not asked of GitHub');
    expect(readFileSync(join(dir, 'maestro-evidence-bundle', 'v2.0.0', 'pack', 'index.json'), 'utf8')).toContain('"format": "maestro-evidence-pack/v1"');
    expect(readFileSync(output, 'utf8')).toMatch(/^ledger-entry<<(ghadelimiter_[0-9a-f-]+)\n1\n\1$/m);
    expect(readFileSync(join(dir, 'ledger', 'entries', '000000000001.json'), 'utf8')).toContain('"actor":"rel-manager"');
    expect(readFileSync(output, 'utf8')).toMatch(/^manifest-path<<(ghadelimiter_[0-9a-f-]+)\n.*maestro-evidence-bundle\/v2.0.0\/manifest.json\n\1$/m);
  });
});
