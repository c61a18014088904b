/**
 * What a user installs: `npm pack`, then `npm install -g` of the tarball into an empty prefix, then
 * `maestro`, `ig-evidence` and `ig-verify` run from folders that are not this repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-20T12:00:00Z';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let prefix: string;
let packed: { filename: string; files: Array<{ path: string }> };

/** The environment of a user's shell: the installed bins and this node first on PATH, no GitHub Actions variables. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_') && k !== 'npm_config_prefix'));
  return { ...clean, PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter), ...extra };
}

/** Runs an installed command by its name, as a shell would find it on PATH. */
function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, env: userEnv(extra), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  // npm test builds dist/cli first (pretest); a run of this file alone builds it when it is missing.
  if (!existsSync(join(root, 'dist/cli/main.js')) || !existsSync(join(root, 'dist/cli/commands/init.js'))) {
    execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/generate.ts'], { cwd: root, stdio: 'inherit' });
    execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts', '--cli-only'], { cwd: root, stdio: 'inherit' });
  }
  work = mkdtempSync(join(tmpdir(), 'maestro-packed-'));
  prefix = folder('prefix');
  // --ignore-scripts: packing ships dist/ as built; `prepare` (generate) is for clones of the repository.
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', env: userEnv() });
  packed = (JSON.parse(out) as Array<typeof packed>)[0]!;
  // From npm's cache when it holds the dependencies, else from the registry.
  execFileSync(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error', join(work, packed.filename)], { cwd: work, env: userEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
}, 600_000);

// The installed package with its dependencies is about 300 MB.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed CLI installed with npm install -g into an empty prefix', () => {
  it('ships the bins, the bundles and the files they read, and no sources or tests', () => {
    const paths = packed.files.map((f) => f.path);
    for (const path of ['bin/maestro.cjs', 'bin/ig-evidence.cjs', 'bin/ig-verify.cjs', 'dist/cli/main.js', 'dist/cli/commands/init.js', 'dist/cli/commands/gate.js', 'templates/.github/workflows/maestro.yml', 'templates/.github/workflows/maestro-drift.yml', 'templates/pull_request_template.md', 'package.json']) {
      expect(paths).toContain(path);
    }
    expect(paths.filter((p) => /^(core|flows|adapters|cli|app|actions|test|scripts|bench|examples)\//.test(p) || p.endsWith('.ts'))).toEqual([]);
    for (const name of ['maestro', 'ig-evidence', 'ig-verify']) expect(existsSync(join(prefix, 'bin', name))).toBe(true);
  });

  it('answers --help and --version from any folder', () => {
    const cwd = folder('anywhere');
    const help = run('maestro', ['--help'], cwd);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: maestro <command> \[options\]/);
    expect(help.stdout).toMatch(/\n {2}init +Set a repository up for Maestro/);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
    expect(run('maestro', ['--version'], cwd).stdout).toBe(`${version}\n`);
    expect(run('ig-evidence', ['--help'], cwd).stdout).toMatch(/^Usage: maestro evidence bundle \[options\]/);
    expect(run('ig-verify', ['--help'], cwd).stdout).toMatch(/^Usage: maestro verify \[options\] <bundle>/);
  });

  it('lists the shipped catalog', () => {
    const { code, stdout } = run('maestro', ['controls', 'list'], folder('controls'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^GA-01 /);
    expect(stdout).toMatch(/\n30 controls, catalog sha256 [0-9a-f]{64}\n$/);
    expect(run('maestro', ['controls'], folder('controls')).stdout).toMatch(/^Usage: maestro controls <command>/);
  });

  it('passes the passing example pull request, copied out of the repository', () => {
    const cwd = folder('gate');
    cpSync(join(root, 'examples/pr-passing'), join(cwd, 'pr'), { recursive: true });
    const { code, stdout } = run('maestro', ['gate', '--event', 'pr/event.json', '--evidence', 'pr/evidence', '--changed-files', 'pr/changed-files.txt', '--links', 'pr/links.json', '--now', NOW], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('passed: Enforce GA Gates Evidence');
  });

  it('sets up a fresh git repository with maestro init in the current folder', () => {
    const cwd = folder('fresh');
    execFileSync('git', ['init', '-q'], { cwd });
    const { code, stdout } = run('maestro', ['init'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain(`maestro init: wrote 4 files in ${cwd}:`);
    for (const [path, template] of [['.github/workflows/maestro.yml', 'templates/.github/workflows/maestro.yml'], ['.github/workflows/maestro-drift.yml', 'templates/.github/workflows/maestro-drift.yml'], ['.github/pull_request_template.md', 'templates/pull_request_template.md']]) {
      expect(readFileSync(join(cwd, path!), 'utf8')).toBe(readFileSync(join(prefix, 'lib/node_modules/maestro-conductor', template!), 'utf8'));
    }
    expect(readFileSync(join(cwd, '.github/maestro.yml'), 'utf8')).toContain('mode: report-only');
    expect(run('maestro', ['init'], cwd).code).toBe(1);
  });

  it('takes --repo and --sha from the checkout by hand, and says so', () => {
    const cwd = folder('checkout');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'first');
    git('remote', 'add', 'origin', 'git@github.com:acme/web.git');
    cpSync(join(root, 'test/fixtures/k6/handle-summary.json'), join(cwd, 'summary.json'));
    const { stdout, stderr } = run('maestro', ['k6', '--summary', 'summary.json', '--format', 'json'], cwd);
    expect(JSON.parse(stdout).subject).toEqual({ repo: 'acme/web', sha: git('rev-parse', 'HEAD') });
    expect(stderr).toBe(`repo acme/web (from git remote origin, github.com)\nsha ${git('rev-parse', 'HEAD')} (from git HEAD)\n`);
  });

  it('builds a release evidence bundle with ig-evidence and verifies it with ig-verify', () => {
    const cwd = folder('release');
    mkdirSync(join(cwd, 'artifacts'));
    writeFileSync(join(cwd, 'artifacts/notes.txt'), 'release notes\n');
    const built = run('ig-evidence', ['--release', 'v1.0.0', '--artifacts', 'artifacts', '--out', 'bundle', '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', NOW], cwd);
    expect([built.code, built.stderr]).toEqual([0, '']);
    const verified = run('ig-verify', ['bundle', '--release', 'v1.0.0', '--allow-unsigned', '--offline'], cwd);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/PASS {2}artifact notes\.txt: sha256 [0-9a-f]{64}, 14 bytes, as listed/);

    // The auditor's site of that store, built by the installed package: a release store is a folder of <tag>/ bundles.
    mkdirSync(join(cwd, 'store'));
    renameSync(join(cwd, 'bundle'), join(cwd, 'store/v1.0.0'));
    const site = run('maestro', ['portal', 'build', '--store', 'store', '--out', 'site', '--allow-unsigned', '--now', NOW], cwd);
    expect([site.code, site.stderr]).toEqual([0, '']);
    expect(readFileSync(join(cwd, 'site/index.html'), 'utf8')).toContain('v1.0.0');
  });
});
