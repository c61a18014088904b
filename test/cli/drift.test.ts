import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { runMaestro } from '../helpers/run-maestro.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';

const fixtures = 'test/fixtures/drift';
const SHA = 'c'.repeat(40);

const maestro = (...args: string[]) => runMaestro(args, { GITHUB_REPOSITORY: '', GITHUB_SHA: '' });

const drift = (repo: string, ...more: string[]) => maestro('drift', '--template', `${fixtures}/template`, '--repo', repo, ...more);

describe('maestro drift', () => {
  it.each([
    ['fixed', 0, '### ✅ no drift'],
    ['drifted', 1, '### ❌ drift'],
    ['extra-jobs', 1, 'missing jobs: `test_matrix`'],
    ['invalid', 2, '### ⚠️ invalid workflow'],
  ])('exits by status for %s: %i', (repo, code, text) => {
    const out = drift(`${fixtures}/${repo}`);
    expect(out.code).toBe(code);
    expect(out.stdout).toContain(text);
  });

  it('prints a drift-report valid against its schema with --format json', () => {
    const out = drift(`${fixtures}/drifted`, '--format', 'json', '--repo-name', 'acme/web', '--sha', SHA, '--now', '2026-11-20T06:00:00Z', '--template-source', 'acme/ci-templates');
    expect(out.code).toBe(1);
    const parsed = parseEvidence(Buffer.from(out.stdout), 'drift.json');
    expect(parsed.status).toBe('valid');
    expect(JSON.parse(out.stdout)).toMatchObject({ kind: 'drift-report', subject: { repo: 'acme/web', sha: SHA }, createdAt: '2026-11-20T06:00:00Z', data: { repo: 'acme/web', status: 'drift', pr: null, template: { source: 'acme/ci-templates', version: '2.1.0' } } });
  });

  it('stores the drift-report write-once with --store, under drift/<time>/<owner>/<repo>.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-store-'));
    const args: [string, ...string[]] = [`${fixtures}/drifted`, '--repo-name', 'acme/web', '--sha', SHA, '--now', '2026-11-20T06:00:00Z', '--store', pathToFileURL(dir).href];
    const out = drift(...args);
    expect(out.code).toBe(1);
    const key = 'drift/20261120T060000Z/acme/web.json';
    expect(out.stderr).toContain(`stored ${key} in ${pathToFileURL(dir).href}`);
    expect(parseEvidence(readFileSync(join(dir, key)), key).status).toBe('valid');
    // The same report again is the same object; a different one under the same key is refused.
    expect(drift(...args).code).toBe(1);
    const other = drift(`${fixtures}/fixed`, ...args.slice(1));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^error STORE_OBJECT_EXISTS: drift\/20261120T060000Z\/acme\/web.json is already stored/);
  });

  /** A copy of a fixture repository outside any git checkout, whose origin remote would otherwise name the repository. */
  const outsideCheckout = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-'));
    cpSync(`${fixtures}/${name}`, dir, { recursive: true });
    return dir;
  };

  it('refuses --store without the repository it is about, before comparing', () => {
    const out = drift(outsideCheckout('drifted'), '--store', 'file:///tmp/x');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error USAGE: a drift-report needs the repository as owner\/name/);
  });

  it('refuses json without the repository and commit it is about', () => {
    const out = drift(outsideCheckout('drifted'), '--format', 'json');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error USAGE: a drift-report needs the repository as owner\/name\n {2}remedy: pass --repo-name/);
  });

  it('fixes a checkout in place with --fix, keeping its own jobs, exits by the fixed files (clean), and then finds it clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-'));
    cpSync(`${fixtures}/extra-jobs`, dir, { recursive: true });
    const first = drift(dir, '--fix');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Restored the template: the files now match it.');
    expect(first.stderr).toContain(`fixed ${join(dir, '.github/workflows/test.yml')}`);
    expect(readFileSync(join(dir, '.github/workflows/test.yml'), 'utf8')).toContain('test-deno:');
    expect(drift(dir).code).toBe(0);
  });

  it('writes nothing with --fix when a workflow does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-'));
    cpSync(`${fixtures}/invalid`, dir, { recursive: true });
    const before = readFileSync(join(dir, '.github/workflows/test.yml'), 'utf8');
    expect(drift(dir, '--fix').code).toBe(2);
    expect(readFileSync(join(dir, '.github/workflows/test.yml'), 'utf8')).toBe(before);
  });

  it('exits 2 naming the template when the template does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-'));
    writeFileSync(join(dir, 'ci.yml'), 'jobs: [\n');
    const out = maestro('drift', '--template', join(dir, 'ci.yml'), '--repo', `${fixtures}/fixed`);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`error TEMPLATE_INVALID: template ${join(dir, 'ci.yml')} is not valid YAML`);
  });

  it('exits 2 when the repository path does not exist', () => {
    const out = drift(`${fixtures}/nope`);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('error FILE_NOT_FOUND: repository workflows test/fixtures/drift/nope does not exist');
  });
});
