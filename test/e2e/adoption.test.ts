/**
 * Adoption, as a team would do it: a repository set up with `maestro init` and nothing else reaches
 * a passing gate for a clean pull request, on the command line (the built `maestro`, run as a child
 * process in the repository) and in the built App against the GitHub simulator, in report-only mode.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_NOW } from '../helpers/clock.js';
import { examplePayload } from '../helpers/webhook-examples.js';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { deliver } from './helpers/deliver.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, CHECK_NAME, SECRET, seedPull, startWorld } from './helpers/world.js';

const root = resolve(import.meta.dirname, '../..');
const REPO = 'acme/web';
/** When the drift check ran: before the gate's evaluation time, within the report's freshness. */
const DRIFT_AT = '2026-11-20T11:30:00Z';

/** The built `maestro` (npm test builds it first), run in `cwd` by hand: no GitHub Actions variables. */
function maestro(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  const result = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file of a working tree but .git, by path relative to it. */
function filesOf(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !join(e.parentPath, e.name).includes(`${dir}/.git/`));
  return Object.fromEntries(entries.map((e) => join(e.parentPath, e.name)).map((path) => [path.slice(dir.length + 1), readFileSync(path, 'utf8')]));
}

/** A real `pull_request.opened` payload (@octokit/webhooks-examples), moved to `repo` and its commits. */
function pullRequestPayload(repo: string, pr: { number: number; headSha: string; headRef: string; baseSha: string; baseRef: string }): Record<string, any> {
  const example = examplePayload('pull_request', 'opened');
  const [owner, name] = repo.split('/') as [string, string];
  const payload = JSON.parse(JSON.stringify(example).replaceAll(example.repository.full_name, repo)) as Record<string, any>;
  payload.number = pr.number;
  payload.repository = { ...payload.repository, name, owner: { ...payload.repository.owner, login: owner } };
  const pull = payload.pull_request;
  pull.number = pr.number;
  pull.labels = [];
  pull.draft = false;
  pull.head = { ...pull.head, ref: pr.headRef, sha: pr.headSha, label: `${owner}:${pr.headRef}`, repo: payload.repository };
  pull.base = { ...pull.base, ref: pr.baseRef, sha: pr.baseSha, label: `${owner}:${pr.baseRef}`, repo: payload.repository };
  return payload;
}

let work: string;
let repoDir: string;
let initFiles: Record<string, string>;
let head: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'maestro-adoption-'));
  repoDir = join(work, 'web');
  mkdirSync(repoDir);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Mona', '-c', 'user.email=mona@example.com', ...args], { cwd: repoDir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repoDir, 'README.md'), '# web\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  git('remote', 'add', 'origin', `https://github.com/${REPO}.git`);
  const init = maestro(repoDir, 'init');
  if (init.code !== 0) throw new Error(`maestro init failed: ${init.stderr}`);
  initFiles = Object.fromEntries(Object.entries(filesOf(repoDir)).filter(([path]) => path.startsWith('.github/')));
  git('add', '.');
  git('commit', '-q', '-m', 'Set up Maestro with maestro init');
  git('switch', '-q', '-c', 'feature/greeting');
  mkdirSync(join(repoDir, 'src'));
  writeFileSync(join(repoDir, 'src/greeting.ts'), "export const greeting = 'hello';\n");
  git('add', '.');
  git('commit', '-q', '-m', 'Add a greeting');
  head = git('rev-parse', 'HEAD');
  writeFileSync(join(work, 'changed-files.txt'), `${git('diff', '--name-only', 'main...HEAD')}\n`);
  writeFileSync(join(work, 'event.json'), JSON.stringify(pullRequestPayload(REPO, { number: 7, headSha: head, headRef: 'feature/greeting', baseSha: git('rev-parse', 'main'), baseRef: 'main' })));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a repository set up with maestro init alone, on the command line', () => {
  it('carries the report-only config, the caller workflows and the PR template, nothing else', () => {
    expect(Object.keys(initFiles).sort()).toEqual(['.github/maestro.yml', '.github/pull_request_template.md', '.github/workflows/maestro-drift.yml', '.github/workflows/maestro.yml']);
    expect(initFiles['.github/maestro.yml']).toMatch(/^mode: report-only$/m);
  });

  it('is clean against the shipped templates: maestro drift reports no drift, and writes the drift-report', () => {
    mkdirSync(join(work, 'evidence'));
    const { code, stdout, stderr } = maestro(repoDir, 'drift', '--template', join(root, 'templates'), '--repo', '.', '--repo-name', REPO, '--sha', head, '--now', DRIFT_AT, '--report', join(work, 'evidence/drift-report.json'));
    expect(`${stdout}${stderr}`).toContain(`no drift: ${REPO}`);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'evidence/drift-report.json'), 'utf8'))).toMatchObject({ kind: 'drift-report', subject: { repo: REPO, sha: head }, data: { status: 'clean' } });
  });

  it('passes the gate for a clean pull request, and says it is report-only', () => {
    const { code, stdout } = maestro(repoDir, 'gate', '--event', join(work, 'event.json'), '--evidence', join(work, 'evidence'), '--changed-files', join(work, 'changed-files.txt'), '--now', TEST_NOW, '--format', 'json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ subject: { repo: REPO, sha: head, pr: 7 }, conclusion: 'success', mode: { mode: 'report-only', source: '.github/maestro.yml', wouldBe: 'success' } });
    expect(result.counts).toMatchObject({ pass: 1, fail: 0, missing: 0, 'not-applicable': 29 });
    expect(result.controls.filter((c: { result: string }) => c.result !== 'not-applicable').map((c: { controlId: string; result: string }) => [c.controlId, c.result])).toEqual([['GA-30', 'pass']]);
    const notes = maestro(repoDir, 'gate', '--event', join(work, 'event.json'), '--evidence', join(work, 'evidence'), '--changed-files', join(work, 'changed-files.txt'), '--now', TEST_NOW);
    expect(notes.stdout).toMatch(/^### .*report-only, would pass: Enforce GA Gates Evidence/);
  });

  it('does not block a pull request without evidence: report-only says what would fail', () => {
    mkdirSync(join(work, 'no-evidence'), { recursive: true });
    const { code, stdout } = maestro(repoDir, 'gate', '--event', join(work, 'event.json'), '--evidence', join(work, 'no-evidence'), '--changed-files', join(work, 'changed-files.txt'), '--now', TEST_NOW);
    expect(code).toBe(0);
    expect(stdout).toContain('report-only: this pull request would fail 1 control (GA-30)');
  });
});

describe('a repository set up with maestro init alone, in the built App', () => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });

  beforeAll(async () => {
    sim = await startWorld({
      repositories: [{ owner: 'acme', ownerType: 'Organization', ownerId: 4100, name: 'web', id: 4101, defaultBranch: 'main', files: { 'README.md': '# web\n', ...initFiles } }],
      installations: [{ id: 1, account: 'acme', accountType: 'Organization', repositories: 'all' }],
    });
    app = await startBuiltApp({ node: process.execPath, sim, appId: APP_ID, secret: SECRET });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });

  /** Opens a pull request that adds a source file, with the drift-report `maestro drift` writes for its head when `withEvidence`. */
  async function openPull(withEvidence: boolean) {
    const pr = await seedPull(sim, {
      files: { 'src/greeting.ts': "export const greeting = 'hello';\n" },
      artifacts: withEvidence ? (sha) => {
        const report = join(work, `app-drift-${sha}.json`);
        const drift = maestro(repoDir, 'drift', '--template', join(root, 'templates'), '--repo', '.', '--repo-name', REPO, '--sha', sha, '--now', DRIFT_AT, '--report', report);
        if (drift.code !== 0) throw new Error(`maestro drift: ${drift.stdout}${drift.stderr}`);
        return { 'maestro-evidence-drift': { 'drift-report.json': readFileSync(report, 'utf8') } };
      } : undefined,
    }, REPO);
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    const check = await waitFor(`the completed check run of #${pr.number}`, () => sim.checkRuns(REPO, pr.headSha).find((c) => c.status === 'completed'), context(), 30_000);
    await app.idle();
    return { pr, check };
  }

  it('completes the check for a clean pull request: success, in report-only mode', async () => {
    const { check } = await openPull(true);
    expect(check).toMatchObject({ name: CHECK_NAME, appId: APP_ID, conclusion: 'success' });
    expect(`${check.output?.title}\n${check.output?.summary}`).toMatch(/report-only/);
  });

  it('does not block a pull request without evidence: neutral, naming what would fail', async () => {
    const { check } = await openPull(false);
    expect(check).toMatchObject({ name: CHECK_NAME, conclusion: 'neutral' });
    expect(`${check.output?.title}\n${check.output?.summary}`).toMatch(/would fail 1 control \(GA-30\)/);
  });
});
