import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { parseConfig } from '../../core/config/parse-config.js';
import { initFiles } from '../../core/init/init-files.js';
import { runMain } from '../helpers/run-main.js';

const root = resolve(import.meta.dirname, '../..');
const REPO_FILES = ['.github/maestro.yml', '.github/pull_request_template.md', '.github/workflows/maestro-drift.yml', '.github/workflows/maestro.yml'];
const ORG_FILES = ['.github/ISSUE_TEMPLATE/drill-report.yml', '.github/ISSUE_TEMPLATE/exception-request.yml', '.github/ISSUE_TEMPLATE/ga-gap.yml', '.github/workflows/maestro-drift-sweep.yml', '.github/workflows/maestro-drills.yml', '.github/workflows/maestro-scoreboard.yml'];

function repo(): string {
  return mkdtempSync(join(tmpdir(), 'maestro-init-'));
}

/** Every file under `dir`, relative and sorted, with its text. */
function tree(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(entries.map((e) => join(e.parentPath, e.name)).sort().map((path) => [path.slice(dir.length + 1), readFileSync(path, 'utf8')]));
}

const shipped = (path: string) => readFileSync(join(root, path), 'utf8');

describe('maestro init', () => {
  it('writes the report-only config, the caller workflows and the PR template, copied from the shipped templates', async () => {
    const dir = repo();
    const { code, stdout, stderr } = await runMain(['init', '--dir', dir]);
    expect([code, stderr]).toEqual([0, '']);
    const files = tree(dir);
    expect(Object.keys(files).sort()).toEqual(REPO_FILES);
    expect(files['.github/workflows/maestro.yml']).toBe(shipped('templates/.github/workflows/maestro.yml'));
    expect(files['.github/workflows/maestro-drift.yml']).toBe(shipped('templates/.github/workflows/maestro-drift.yml'));
    expect(files['.github/pull_request_template.md']).toBe(shipped('templates/pull_request_template.md'));
    expect(files['.github/pull_request_template.md']).toContain('## Evidence');
    expect(stdout).toContain(`maestro init: wrote 4 files in ${dir}:`);
    for (const path of REPO_FILES) expect(stdout).toContain(`  ${path}`);
  });

  it('writes a starter config that the config parser accepts, in report-only mode', async () => {
    const dir = repo();
    await runMain(['init', '--dir', dir]);
    const parsed = parseConfig(readFileSync(join(dir, '.github/maestro.yml'), 'utf8'));
    expect(parsed).toMatchObject({ ok: true, config: { mode: 'report-only', checkName: 'Enforce GA Gates Evidence' } });
  });

  it('prints the next steps: install the App, or require the check; try the gate locally; then enforce', async () => {
    const { stdout } = await runMain(['init', '--dir', repo()]);
    const next = stdout.slice(stdout.indexOf('Next steps:'));
    expect(next).toMatch(/1\. Commit these files/);
    expect(next).toContain('https://github.com/maestro-conductor/maestro-conductor/blob/main/app.yml');
    expect(next).toContain('make the check "Enforce GA Gates Evidence" required');
    expect(next).toContain('maestro gate --event');
    expect(next).toContain('set mode: enforce in .github/maestro.yml');
  });

  it('refuses with exit 1 and writes nothing at all when any target exists, listing each', async () => {
    const dir = repo();
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/maestro.yml'), 'name: ours\n');
    writeFileSync(join(dir, '.github/pull_request_template.md'), 'our template\n');
    const { code, stdout, stderr } = await runMain(['init', '--dir', dir]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe(`maestro init: 2 files are already in ${dir}; nothing was written:\n  .github/workflows/maestro.yml\n  .github/pull_request_template.md\n  remedy: compare them with what maestro would write (maestro init --dry-run --force lists it, writing nothing), then run maestro init --force to overwrite them.\n`);
    expect(tree(dir)).toEqual({ '.github/pull_request_template.md': 'our template\n', '.github/workflows/maestro.yml': 'name: ours\n' });
  });

  it('overwrites with --force, and says which files it replaced', async () => {
    const dir = repo();
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/maestro.yml'), 'version: 1\n');
    const { code, stdout } = await runMain(['init', '--dir', dir, '--force']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\.github\/maestro\.yml +gate configuration, report-only: the gate reports and never blocks \(overwritten\)/);
    expect(readFileSync(join(dir, '.github/maestro.yml'), 'utf8')).toContain('mode: report-only');
    expect(Object.keys(tree(dir)).sort()).toEqual(REPO_FILES);
  });

  it('lists what it would write with --dry-run, and writes nothing', async () => {
    const dir = repo();
    const { code, stdout } = await runMain(['init', '--dir', dir, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain(`maestro init --dry-run: would write 4 files in ${dir} (nothing written):`);
    expect(tree(dir)).toEqual({});
  });

  it('writes what templates/manifest.yml asks of every repository, and with --org of the .github repository', () => {
    const manifest = parse(shipped('templates/manifest.yml')) as { templates: Array<{ source: string; path?: string; repos: string[] }> };
    const wanted = (repo: string) => manifest.templates.filter((t) => t.repos.includes('*') || t.repos.includes(repo)).map((t) => [t.path ?? t.source, `templates/${t.source}`]).sort();
    const written = (org: boolean) => initFiles({ org }).flatMap((f) => ('template' in f.source ? [[f.path, f.source.template]] : [])).sort();
    expect(written(false)).toEqual(wanted('web'));
    expect(written(true)).toEqual(wanted('.github'));
  });

  it('also writes the organisation workflows and issue forms with --org, for an org .github repository', async () => {
    const dir = repo();
    const { code, stdout } = await runMain(['init', '--dir', dir, '--org']);
    expect(code).toBe(0);
    const files = tree(dir);
    expect(Object.keys(files).sort()).toEqual([...REPO_FILES, ...ORG_FILES].sort());
    for (const path of ORG_FILES) expect(files[path]).toBe(shipped(`templates/${path}`));
    expect(stdout).toContain('MAESTRO_DISPATCH_TOKEN');
  });

  it('never writes the organisation workflows without --org', async () => {
    const dir = repo();
    await runMain(['init', '--dir', dir]);
    for (const path of ORG_FILES) expect(Object.keys(tree(dir))).not.toContain(path);
  });

  it('writes nothing when a folder stands where a file goes, even with --force', async () => {
    const dir = repo();
    mkdirSync(join(dir, '.github/pull_request_template.md'), { recursive: true });
    const { code, stderr } = await runMain(['init', '--dir', dir, '--force']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error FILE_UNREADABLE: cannot write into .*: .*pull_request_template\.md is a folder; nothing was written/);
    expect(tree(dir)).toEqual({});
  });

  it('writes nothing when a file stands where a folder goes', async () => {
    const dir = repo();
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/workflows'), 'not a folder\n');
    const { code, stderr } = await runMain(['init', '--dir', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nothing was written/);
    expect(tree(dir)).toEqual({ '.github/workflows': 'not a folder\n' });
  });

  it('exits 2 when --dir is not a folder', async () => {
    const { code, stderr } = await runMain(['init', '--dir', join(repo(), 'nope')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error FILE_NOT_FOUND: .*nope is not a folder\n {2}remedy: pass --dir with the folder of the repository/);
  });

  it('documents its options in --help', async () => {
    const { stdout } = await runMain(['init', '--help']);
    expect(stdout).toMatch(/^Usage: maestro init \[options\]/);
    for (const option of ['--dir <folder>', '--org', '--force', '--dry-run']) expect(stdout).toContain(option);
  });
});
