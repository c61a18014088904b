import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { build, makeArtifacts, taggedRepo, tempDir } from '../../helpers/release-bundle.js';
import { sha } from '../../helpers/release-github.js';

const root = resolve(import.meta.dirname, '../../..');
const json = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

/** A release v2.0.0 whose store already holds v1.1.0, the release before it. */
async function release(): Promise<{ dir: string; workspace: string; commit: string; store: string; artifacts: string }> {
  const dir = tempDir('maestro-action-pack-');
  const { workspace, sha: commit } = taggedRepo(dir);
  const store = join(dir, 'store');
  await build({ release: 'v1.1.0', repo: 'acme/web', artifactsDir: makeArtifacts(join(dir, 'previous')), outDir: join(dir, 'v1.1.0'), store: `file://${store}` });
  return { dir, workspace, commit, store, artifacts: makeArtifacts(join(dir, 'artifacts')) };
}

/** The shipped catalog with GA-17 (evidence pack) and GA-25 (accessibility) marked requiredForRelease. */
function requiringCatalog(dir: string): string {
  const catalog = join(dir, 'catalog');
  cpSync(join(root, 'controls'), catalog, { recursive: true });
  for (const file of ['ga-17-evidence-pack.yml', 'ga-25-accessibility.yml']) writeFileSync(join(catalog, file), `${readFileSync(join(catalog, file), 'utf8')}requiredForRelease: true\n`);
  return catalog;
}

/**
 * Runs the committed bundle as the composite step does (inputs as INPUT_* variables, outputs and
 * summary as files), with GitHub answered by nock inside that process (github-nock-preload.ts).
 */
async function runAction(r: Awaited<ReturnType<typeof release>>, inputs: Record<string, string>, scenario = 'two-pulls') {
  const files = { output: join(r.dir, `output-${Object.keys(inputs).length}`), summary: join(r.dir, `summary-${Object.keys(inputs).length}`), nock: join(r.dir, 'nock.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const vars = Object.fromEntries(Object.entries({ artifacts: r.artifacts, sign: 'none', store: `file://${r.store}`, 'previous-release': 'v1.1.0', 'github-token': 'ghs_release', ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const preload = pathToFileURL(join(import.meta.dirname, 'github-nock-preload.ts')).href;
  const child = spawn(process.execPath, ['--import', loader, '--import', preload, join(root, 'actions/dist/evidence-bundle.js')], {
    cwd: r.workspace,
    env: {
      PATH: process.env.PATH, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: r.dir, GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: r.commit,
      GITHUB_REF_NAME: 'v2.0.0', GITHUB_WORKSPACE: r.workspace, GITHUB_ACTOR: 'rel-manager', NOCK_REPORT: files.nock, RELEASE_SHA: r.commit, SCENARIO: scenario, ...vars,
    },
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(files.output, 'utf8').matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  if (!existsSync(files.nock)) throw new Error(`the action process ended (${code}) before its GitHub stand-in reported:\n${log}`);
  return { code, log, outputs, summary: readFileSync(files.summary, 'utf8'), pendingGitHubRequests: JSON.parse(readFileSync(files.nock, 'utf8')) as string[] };
}

describe('the committed evidence-bundle action, with GitHub answered by nock in its process', () => {
  it('gathers the pack of a release with two merged pull requests: their decision logs from GitHub, the catalog, the index', async () => {
    const r = await release();
    const run = await runAction(r, {});
    expect([run.code, run.pendingGitHubRequests]).toEqual([0, []]);
    const out = run.outputs['bundle-dir']!;
    expect(run.outputs).toMatchObject({ 'pack-index-path': join(out, 'pack/index.json'), 'pull-requests': '12,14', 'pull-requests-without-decision-log': '', 'required-missing': '', 'override-required': '', 'store-url': `file://${join(r.store, 'v2.0.0')}` });
    const index = json(join(r.store, 'v2.0.0', 'pack/index.json'));
    expect(index).toMatchObject({ release: 'v2.0.0', previousRelease: 'v1.1.0', pullsWithoutDecisionLog: [], required: { controls: [], missing: [], override: null } });
    expect(index.pulls).toEqual([
      { number: 12, title: 'Checkout form', author: 'dev', openedAt: '2026-11-17T09:00:00Z', mergedAt: '2026-11-18T11:00:00Z', decisionLogs: [`pack/pulls/12/20261118T090000Z-${sha('a').slice(0, 12)}.json`, `pack/pulls/12/20261118T100000Z-${sha('a').slice(0, 12)}.json`] },
      { number: 14, title: 'Receipts <b>bold</b> | pipe', author: 'dev', openedAt: '2026-11-18T12:00:00Z', mergedAt: '2026-11-19T11:00:00Z', decisionLogs: [`pack/pulls/14/20261119T100000Z-${sha('b').slice(0, 12)}.json`] },
    ]);
    expect(json(join(r.store, 'v2.0.0', index.pulls[0].decisionLogs[0])).data.gate.conclusion).toBe('failure');
    const manifest = json(join(r.store, 'v2.0.0', 'manifest.json'));
    expect(manifest.data.artifacts.filter((a: { path: string }) => a.path.startsWith('pack/pulls/')).map((a: { kind?: string }) => a.kind)).toEqual(['decision-log', 'decision-log', 'decision-log']);
    expect(run.summary).toContain('| Pull requests | merged since v1.1.0: 3 commit(s) compared through the GitHub API; 6 GitHub request(s) |');
    expect(run.summary).toContain('| #14 | Receipts \\<b\\>bold\\</b\\> \\| pipe | 1 |');
  });

  it('fails the step, writing and publishing nothing, when a control required for every release lacks evidence', async () => {
    const r = await release();
    const run = await runAction(r, { catalog: requiringCatalog(r.dir) });
    expect([run.code, run.pendingGitHubRequests]).toEqual([1, []]);
    expect(run.log).toContain('::error::release refused: no evidence in the pack for 2 control(s) the catalog requires for every release: GA-17, GA-25');
    expect(run.log).toContain('or publish anyway with the override-required input set to the reason');
    expect(run.outputs).toMatchObject({ 'required-missing': 'GA-17,GA-25', 'override-required': '' });
    expect(run.outputs['bundle-dir']).toBeUndefined();
    expect(readdirSync(r.store)).toEqual(['v1.1.0']);
    expect(existsSync(join(r.dir, 'maestro-evidence-bundle', 'v2.0.0'))).toBe(false);
    expect(run.summary).toContain('## Release evidence v2.0.0: refused');
    expect(run.summary).toContain('| GA-25 | **none** |');
  });

  it('publishes with the override, which the pack records and the summary and outputs show', async () => {
    const r = await release();
    const run = await runAction(r, { catalog: requiringCatalog(r.dir), 'override-required': 'security fix; the a11y audit follows in v2.0.1' });
    expect([run.code, run.pendingGitHubRequests]).toEqual([0, []]);
    expect(json(join(r.store, 'v2.0.0', 'pack/index.json')).required.override).toEqual({ by: 'rel-manager', reason: 'security fix; the a11y audit follows in v2.0.1', at: '2026-11-20T12:00:00Z', controls: ['GA-17', 'GA-25'] });
    expect(run.outputs).toMatchObject({ 'required-missing': 'GA-17,GA-25', 'override-required': 'security fix; the a11y audit follows in v2.0.1' });
    expect(run.log).toContain('::warning::published without evidence for GA-17, GA-25 (required for every release), overridden by rel-manager: security fix; the a11y audit follows in v2.0.1');
    expect(run.summary).toContain('| Required for releases | ⚠️ **OVERRIDDEN**: published without evidence for GA-17, GA-25 by @rel-manager: security fix; the a11y audit follows in v2.0.1 |');
  });

  it('asks GitHub nothing for the first release of a chain: there is no range to list', async () => {
    const r = await release();
    const run = await runAction(r, { release: 'v2.0.0', 'previous-release': '', store: '' }, 'none');
    expect([run.code, run.pendingGitHubRequests]).toEqual([0, []]);
    expect(json(run.outputs['pack-index-path']!)).toMatchObject({ previousRelease: null, pulls: [] });
    expect(run.summary).toContain('| Pull requests | those the decision logs name: first release of the chain, no previous release to compare with; 0 GitHub request(s) |');
  });
});
