import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';

const root = resolve(import.meta.dirname, '../..');
const SHA = 'b'.repeat(40);
const subject = ['--repo', 'octo/app', '--sha', SHA];

/** Runs the built `maestro` bin (npm test builds it first) in `cwd`, with no GitHub environment. */
function maestro(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  const result = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const OLD = 'type Query {\n  user(id: ID!): User\n}\n\ntype User {\n  id: ID!\n  email: String\n}\n';
const NEW = 'type Query {\n  user(id: ID!): User\n}\n\ntype User {\n  id: ID!\n  name: String\n}\n';

/** A git repository with OLD committed on origin/master and NEW in the working tree. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-schema-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  git('init', '-q', '-b', 'master');
  writeFileSync(join(dir, 'schema.graphql'), OLD);
  git('add', 'schema.graphql');
  git('commit', '-q', '-m', 'schema');
  git('update-ref', 'refs/remotes/origin/master', 'HEAD');
  writeFileSync(join(dir, 'schema.graphql'), NEW);
  writeFileSync(join(dir, 'old.graphql'), OLD);
  return dir;
}

describe('maestro schema-diff', () => {
  it('exits 1 on a breaking change and prints the Markdown table', () => {
    const dir = repo();
    const { code, stdout } = maestro(dir, 'schema-diff', '--old', 'old.graphql', '--new', 'schema.graphql', ...subject);
    expect(code).toBe(1);
    expect(stdout).toContain("| ❌ breaking | `FIELD_REMOVED` | `User.email` | Field 'email' was removed from object type 'User' (line 5) |");
  });

  it('reads the old schema from a git ref and exits 0 with the approval label, recording it in the report', () => {
    const dir = repo();
    const { code, stdout } = maestro(dir, 'schema-diff', '--old', 'HEAD:schema.graphql', '--new', 'schema.graphql', '--labels', 'docs,approved-breaking-change', '--format', 'json', '--out', 'report.json', ...subject);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.data).toMatchObject({ old: { source: 'schema.graphql', ref: 'HEAD' }, counts: { breaking: 1 }, approval: { label: 'approved-breaking-change' } });
    const item = parseEvidence(readFileSync(join(dir, 'report.json')), 'report.json');
    expect(item.status).toBe('valid');
  });

  it("takes the old schema from the PR's base branch and the subject from the event", () => {
    const dir = repo();
    const { code, stdout, stderr } = maestro(dir, 'schema-diff', '--new', 'schema.graphql', '--event', join(root, 'examples/pr-passing/event.json'), '--format', 'json');
    expect([code, stderr]).toEqual([1, '']);
    const report = JSON.parse(stdout);
    expect(report.subject).toEqual({ repo: 'Codertocat/Hello-World', sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', pr: 2, ref: expect.stringMatching(/^refs\//) });
    expect(report.data.old).toEqual({ source: 'schema.graphql', ref: 'origin/master' });
  });

  it('reports persisted operations the new schema breaks', () => {
    const dir = repo();
    mkdirSync(join(dir, 'ops'));
    writeFileSync(join(dir, 'ops/me.graphql'), 'query Me { user(id: "1") { email } }\n');
    const { code, stdout } = maestro(dir, 'schema-diff', '--old', 'old.graphql', '--new', 'schema.graphql', '--operations', 'ops', '--format', 'json', ...subject);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).data.persistedQueries).toEqual({ checked: 1, broken: [{ operation: 'Me', file: 'ops/me.graphql', message: 'Cannot query field "email" on type "User".' }] });
  });

  it.each([
    ['malformed SDL', (dir: string) => writeFileSync(join(dir, 'bad.graphql'), 'type Query {'), 'bad.graphql', /error GRAPHQL_SCHEMA_INVALID: schema bad\.graphql is not a valid GraphQL schema: bad\.graphql:1:13: Syntax Error/],
    ['a 50 MB schema', (dir: string) => { writeFileSync(join(dir, 'huge.graphql'), ''); truncateSync(join(dir, 'huge.graphql'), 50 * 1024 * 1024); }, 'huge.graphql', /error FILE_TOO_LARGE: new schema huge\.graphql is 52428800 bytes/],
    ['a missing git ref', () => undefined, 'nope:schema.graphql', /error GIT_FAILED: new schema nope:schema\.graphql cannot be read from git/],
  ])('exits 2 on %s with a clear error', (_name, setup, file, message) => {
    const dir = repo();
    setup(dir);
    const { code, stderr } = maestro(dir, 'schema-diff', '--old', 'old.graphql', '--new', file, ...subject);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 when the report subject cannot be found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-schema-'));
    writeFileSync(join(dir, 'a.graphql'), OLD);
    const { code, stderr } = maestro(dir, 'schema-diff', '--old', 'a.graphql', '--new', 'a.graphql');
    expect(code).toBe(2);
    expect(stderr).toContain('error USAGE: the report needs the repository it is about');
  });
});
