import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { compileCacheDir } from '../../cli/compile-cache.js';

const root = resolve(import.meta.dirname, '../..');
const gate = ['gate', '--event', 'examples/pr-passing/event.json', '--evidence', 'examples/pr-passing/evidence', '--changed-files', 'examples/pr-passing/changed-files.txt', '--config', 'examples/maestro.yml', '--links', 'examples/pr-passing/links.json', '--now', '2026-11-20T12:00:00Z'];

function run(env: NodeJS.ProcessEnv): { code: number | null; stdout: string; stderr: string } {
  const { MAESTRO_COMPILE_CACHE: _c, NODE_DISABLE_COMPILE_CACHE: _d, ...rest } = process.env;
  const result = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), ...gate], { cwd: root, encoding: 'utf8', env: { ...rest, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cacheFiles(base: string): string[] {
  const dir = join(base, `${process.version}-${process.arch}`);
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

describe('the compile cache of the maestro bin', () => {
  const uncached = run({ NODE_DISABLE_COMPILE_CACHE: '1' });

  it('is off with NODE_DISABLE_COMPILE_CACHE, and then writes nothing', () => {
    const base = mkdtempSync(join(tmpdir(), 'maestro-cc-'));
    const { code } = run({ NODE_DISABLE_COMPILE_CACHE: '1', MAESTRO_COMPILE_CACHE: base });
    expect(code).toBe(0);
    expect(cacheFiles(base)).toEqual([]);
  });

  it('writes one private cache file per loaded bundle, and later runs print the same', () => {
    const base = mkdtempSync(join(tmpdir(), 'maestro-cc-'));
    const first = run({ MAESTRO_COMPILE_CACHE: base });
    expect(first).toEqual(uncached);
    const files = cacheFiles(base);
    // the gate bundle and the validators of the example's evidence kinds
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(file).toMatch(/[0-9a-f]{64}\.v8$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(base, `${process.version}-${process.arch}`)).mode & 0o077).toBe(0);
    const before = files.map((f) => statSync(f).mtimeMs);
    expect(run({ MAESTRO_COMPILE_CACHE: base })).toEqual(uncached);
    // an accepted cache is not rewritten
    expect(files.map((f) => statSync(f).mtimeMs)).toEqual(before);
  });

  it('ignores a corrupt cache file and replaces it', () => {
    const base = mkdtempSync(join(tmpdir(), 'maestro-cc-'));
    run({ MAESTRO_COMPILE_CACHE: base });
    const files = cacheFiles(base);
    for (const file of files) writeFileSync(file, Buffer.alloc(4096, 0x41));
    expect(run({ MAESTRO_COMPILE_CACHE: base })).toEqual(uncached);
    for (const file of files) expect(readFileSync(file).equals(Buffer.alloc(4096, 0x41))).toBe(false);
  });

  it('does not read a cache file others could have written, and replaces it with a private one', () => {
    const base = mkdtempSync(join(tmpdir(), 'maestro-cc-'));
    run({ MAESTRO_COMPILE_CACHE: base });
    const [file] = cacheFiles(base);
    chmodSync(file!, 0o666);
    expect(run({ MAESTRO_COMPILE_CACHE: base })).toEqual(uncached);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
  });

  it('keeps caches of different Node versions apart', () => {
    expect(compileCacheDir({ MAESTRO_COMPILE_CACHE: '/x' })).toBe(`/x/${process.version}-${process.arch}`);
    expect(compileCacheDir({})).toContain(join(tmpdir(), 'maestro-compile-cache-'));
  });

  it('leaves the run itself unchanged', () => {
    expect(uncached.code).toBe(0);
    expect(uncached.stdout).toContain('Enforce GA Gates Evidence');
  });
});
