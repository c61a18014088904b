import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { readRepoConfig } from '../../../adapters/github/read-repo-config.js';
import { MAX_EXTENDS_HOPS } from '../../../core/config/extends-chain.js';
import type { RepoRef } from '../../../core/pr/repo-ref.js';
import { pinGitHubRequests } from '../../helpers/pin-github.js';

const API = 'https://api.github.com';
const REF: RepoRef = { id: 186853002, owner: 'Codertocat', name: 'Hello-World', fullName: 'Codertocat/Hello-World' };
const FILE = '.github%2Fmaestro.yml';
const YAML = { 'content-type': 'text/plain; charset=utf-8' };

const octokit = () => new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } });

/** Answers the config file of `owner/repo` with `text`, counting the requests in `seen`; `optional`: the test passes without the request. */
function config(scope: nock.Scope, owner: string, repo: string, text: string | 404, seen?: string[], optional = false): nock.Scope {
  return scope.get(`/repos/${owner}/${repo}/contents/${FILE}`).optionally(optional).reply(() => {
    seen?.push(`${owner}/${repo}`);
    return text === 404 ? [404, { message: 'Not Found' }] : [200, text, YAML];
  });
}

describe('readRepoConfig and _extends', () => {
  pinGitHubRequests();

  it('merges the repo config over the org .github config it extends, in 2 requests', async () => {
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', '_extends: .github\ncomment:\n  mode: never\n');
    config(scope, 'Codertocat', '.github', 'checkName: Org Gate\ncomment:\n  mode: always\n  drafts: true\n');
    const result = await readRepoConfig(octokit() as never, REF);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: true, source: 'Codertocat/Hello-World:.github/maestro.yml extending Codertocat/.github:.github/maestro.yml', config: { checkName: 'Org Gate', comment: { mode: 'never', drafts: true } } });
  });

  it('falls back to the org .github config when the repo has none', async () => {
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', 404);
    config(scope, 'Codertocat', '.github', 'checkName: Org Gate\n');
    expect(await readRepoConfig(octokit() as never, REF)).toMatchObject({ ok: true, source: 'Codertocat/.github:.github/maestro.yml', config: { checkName: 'Org Gate' } });
    expect(scope.isDone()).toBe(true);
  });

  it(`stops a 300-hop chain after ${MAX_EXTENDS_HOPS} hops, in 6 requests, naming the chain`, async () => {
    const seen: string[] = [];
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', '_extends: hop-1\n', seen);
    // GitHub would answer all 300 files; the first 5 hops must be read, the rest must not.
    for (let i = 1; i <= 300; i++) config(scope, 'Codertocat', `hop-${i}`, `_extends: hop-${i + 1}\n`, seen, i > MAX_EXTENDS_HOPS);
    const result = await readRepoConfig(octokit() as never, REF);
    expect(scope.isDone()).toBe(true);
    expect(seen).toHaveLength(6);
    const chain = ['Hello-World', 'hop-1', 'hop-2', 'hop-3', 'hop-4', 'hop-5', 'hop-6'].map((repo) => `Codertocat/${repo}:.github/maestro.yml`).join(' -> ');
    expect(result).toEqual({ ok: false, source: '.github/maestro.yml', issues: [{ key: '_extends', message: `_extends goes more than 5 levels deep: ${chain}; Codertocat/hop-6:.github/maestro.yml was not read. Point _extends at the shared config directly` }] });
  });

  it('refuses to extend a repository of another owner, before requesting it', async () => {
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', '_extends: mallory/.github\n');
    const result = await readRepoConfig(octokit() as never, REF);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      ok: false,
      source: '.github/maestro.yml',
      issues: [{ key: '_extends', message: 'Codertocat/Hello-World:.github/maestro.yml extends mallory/.github:.github/maestro.yml, a repository of another owner (mallory), which was not read: only repositories of Codertocat may be extended unless its config lists "mallory" in extendsAllowedOwners' }],
    });
  });

  it('extends another owner listed in extendsAllowedOwners, but a file of that owner cannot invite a third', async () => {
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', 'extendsAllowedOwners: [acme-shared]\n_extends: acme-shared/policies:gates/maestro.yml\n');
    scope.get('/repos/acme-shared/policies/contents/gates%2Fmaestro.yml').reply(200, 'checkName: Shared Gate\n', YAML);
    expect(await readRepoConfig(octokit() as never, REF)).toMatchObject({ ok: true, config: { checkName: 'Shared Gate' }, source: 'Codertocat/Hello-World:.github/maestro.yml extending acme-shared/policies:gates/maestro.yml' });
    expect(scope.isDone()).toBe(true);

    const widening = nock(API);
    config(widening, 'Codertocat', 'Hello-World', 'extendsAllowedOwners: [acme-shared]\n_extends: acme-shared/.github\n');
    config(widening, 'acme-shared', '.github', 'extendsAllowedOwners: [mallory]\n_extends: mallory/.github\n');
    const refused = await readRepoConfig(octokit() as never, REF);
    expect(widening.isDone()).toBe(true);
    expect(refused).toMatchObject({ ok: false, issues: [{ key: '_extends', message: expect.stringMatching(/^acme-shared\/\.github:\.github\/maestro\.yml extends mallory\/\.github:\.github\/maestro\.yml, a repository of another owner \(mallory\)/) }] });
  });

  it('names a loop by its chain, never "_extends: undefined"', async () => {
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', '_extends: shared\n');
    config(scope, 'Codertocat', 'shared', '_extends: .github\n');
    config(scope, 'Codertocat', '.github', '_extends: Codertocat/Hello-World\n');
    const result = await readRepoConfig(octokit() as never, REF);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      ok: false,
      source: '.github/maestro.yml',
      issues: [{ key: '_extends', message: '_extends loops: Codertocat/Hello-World:.github/maestro.yml -> Codertocat/shared:.github/maestro.yml -> Codertocat/.github:.github/maestro.yml -> Codertocat/Hello-World:.github/maestro.yml; remove the _extends that leads back' }],
    });
    expect(JSON.stringify(result)).not.toContain('undefined');
  });

  it('says which _extends value is not a repository', async () => {
    const scope = nock(API);
    config(scope, 'Codertocat', 'Hello-World', '_extends: [a, b]\n');
    expect(await readRepoConfig(octokit() as never, REF)).toEqual({ ok: false, source: '.github/maestro.yml', issues: [{ key: '_extends', message: 'the _extends of Codertocat/Hello-World:.github/maestro.yml is ["a","b"], not a repository: write repo, owner/repo or owner/repo:path.yml' }] });
    expect(scope.isDone()).toBe(true);
  });

  it('reads a config served as application/vnd.github.raw bytes, and refuses one larger than the limit unparsed', async () => {
    const scope = nock(API);
    scope.get(`/repos/Codertocat/Hello-World/contents/${FILE}`).reply(200, Buffer.from('checkName: Raw Gate\n'), { 'content-type': 'application/vnd.github.raw' });
    expect(await readRepoConfig(octokit() as never, REF)).toMatchObject({ ok: true, config: { checkName: 'Raw Gate' } });
    config(scope, 'Codertocat', 'Hello-World', `comment:\n  mode: never\n# ${'x'.repeat(600 * 1024)}\n`);
    expect(await readRepoConfig(octokit() as never, REF)).toEqual({ ok: false, source: '.github/maestro.yml', issues: [{ key: '', message: 'Codertocat/Hello-World:.github/maestro.yml is 614426 bytes, more than the limit of 512 KiB for a config file; it was not parsed' }] });
    expect(scope.isDone()).toBe(true);
  });
});
