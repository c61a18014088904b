import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-20T12:00:00Z';

/**
 * Runs `maestro` from its source (cli/main.ts through tsx), as bin/maestro.cjs runs the built
 * bundle: the same `main`, exit codes and error output, without needing a rebuilt dist/. A time
 * limit turns a hang (a named pipe read, a 10 GB file hashed) into a failure instead of a stuck run.
 */
function maestro(...args: string[]): { code: number | null; stdout: string; stderr: string; ms: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', 'import { main } from "./cli/main.ts"; await main(process.argv.slice(1));', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

/** A folder with a sparse 10 GB report, a named pipe, and a symbolic link to a folder of reports elsewhere. */
function hostileFolder(base?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-hostile-'));
  if (base) cpSync(base, dir, { recursive: true });
  writeFileSync(join(dir, 'big.json'), '');
  truncateSync(join(dir, 'big.json'), 10 * 1024 ** 3);
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  const elsewhere = mkdtempSync(join(tmpdir(), 'maestro-elsewhere-'));
  mkdirSync(join(elsewhere, 'gates'));
  writeFileSync(join(elsewhere, 'gates/report.json'), '{}');
  symlinkSync(elsewhere, join(dir, 'linked'));
  return dir;
}

describe('maestro on hostile input', () => {
  it('validate: reports a sparse 10 GB file, a named pipe and a linked folder as invalid, without reading them', () => {
    const dir = hostileFolder();
    const { code, stdout, ms } = maestro('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toBe([
      `FAIL  ${dir}/big.json: not an evidence report (FILE_TOO_LARGE)`,
      '        /: the file is 10737418240 bytes, more than the limit of 26214400 bytes (25 MiB) for one evidence report; it was not read. Split the report, or leave the file out of the evidence folder',
      `FAIL  ${dir}/linked: not an evidence report (SYMLINK_REFUSED)`,
      '        /: the entry is a symbolic link to a folder; linked folders are not followed, so the reports in it were not read',
      `FAIL  ${dir}/pipe.json: not an evidence report (NOT_A_FILE)`,
      '        /: the entry is a named pipe (FIFO), not a regular file; it was not opened (evidence files must be regular files)',
      '0 valid, 3 invalid',
      '',
    ].join('\n'));
    // Process start-up included; hashing 10 GB took over 30 s.
    expect(ms).toBeLessThan(10_000);
  });

  it('validate: refuses a sparse 10 GB file named directly by its size, naming the file, size, limit and remedy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-hostile-'));
    truncateSync((writeFileSync(join(dir, 'big.json'), ''), join(dir, 'big.json')), 10 * 1024 ** 3);
    const { code, stderr } = maestro('validate', join(dir, 'big.json'));
    expect(code).toBe(2);
    expect(stderr).toBe(`error FILE_TOO_LARGE: evidence file ${dir}/big.json is 10737418240 bytes, more than the limit of 26214400 bytes (25 MiB); it was not read\n  remedy: check that this is the file you meant, and keep it under 25 MiB; the limit keeps runaway or hostile input from stalling the gate.\n`);
  });

  it('validate: refuses a named pipe named directly instead of waiting on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-hostile-'));
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const { code, stderr } = maestro('validate', join(dir, 'pipe.json'));
    expect(code).toBe(2);
    expect(stderr).toBe(`error NOT_A_FILE: evidence file ${dir}/pipe.json is a named pipe (FIFO), not a regular file\n  remedy: pass the path of a regular file.\n`);
  });

  it('gate --evidence: fails naming each refused entry and why, while the real reports are still read', () => {
    const dir = hostileFolder(join(root, 'examples/pr-passing/evidence'));
    const { code, stdout } = maestro('gate', '--event', 'examples/pr-passing/event.json', '--evidence', dir, '--changed-files', 'examples/pr-passing/changed-files.txt', '--config', 'examples/maestro.yml', '--links', 'examples/pr-passing/links.json', '--now', NOW);
    expect(code).toBe(1);
    expect(stdout).toContain('3 evidence files are unusable: big.json, linked, pipe.json.');
    expect(stdout).toContain('- `pipe.json`: the entry is a named pipe (FIFO), not a regular file; it was not opened');
    expect(stdout).toContain('- `linked`: the entry is a symbolic link to a folder; linked folders are not followed');
    expect(stdout).toContain('- `big.json`: the file is 10737418240 bytes, more than the limit of 26214400 bytes (25 MiB)');
    for (const control of ['GA-08', 'GA-13', 'GA-25', 'GA-29', 'GA-30']) expect(stdout).toMatch(new RegExp(`<summary>✅ <a [^>]+>${control}</a>`));
  });

  it('gate --config: refuses a sparse 10 GB config by its size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-hostile-'));
    truncateSync((writeFileSync(join(dir, 'maestro.yml'), ''), join(dir, 'maestro.yml')), 10 * 1024 ** 3);
    const { code, stderr } = maestro('gate', '--event', 'examples/pr-passing/event.json', '--evidence', 'examples/pr-passing/evidence', '--config', join(dir, 'maestro.yml'), '--now', NOW);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error FILE_TOO_LARGE: config file .*maestro\.yml is 10737418240 bytes, more than the limit of \d+ bytes \(\d+ MiB\); it was not read\n {2}remedy: /);
  });
});
