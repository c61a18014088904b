import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { EtagCache, ORG_CONFIG_FRESH_MS } from '../../../adapters/github/etag-cache.js';
import { MAX_ORG_CONTROL_FILES, OrgCatalogCache } from '../../../adapters/github/read-org-catalog.js';
import { withShippedOrigin } from '../../../core/controls/combine-catalogs.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { pinGitHubRequests } from '../../helpers/pin-github.js';

const API = 'https://api.github.com';
const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const NEXT = 'f'.repeat(40);
const DIR = '/repos/acme/.github/contents/maestro%2Fcontrols';
const YAML = { 'content-type': 'text/plain; charset=utf-8' };
const SHIPPED = withShippedOrigin(defaultCatalog, '0.1.0');
const EXTEND = { source: 'org' as const, mode: 'extend' as const };

const octokit = () => new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } });

const CONTROL = [
  'id: ORG-01', 'title: Release notes', 'priority: P1', 'blocking: true', 'description: Release pull requests link their notes.',
  'frameworks: { soc2: [CC8.1], iso27001: [A.8.32], ssdf: [PS.3.1] }', 'applies: { labels: [release] }',
  'evidence:', '  - { kind: link, description: A reviewer approved the notes., scope: commit, maxAge: P30D, link: true }', '',
].join('\n');

/** The commit of acme/.github, as GitHub answers the sha media type. */
function head(scope: nock.Scope, sha = SHA, etag = '"head-1"'): nock.Scope {
  return scope.get('/repos/acme/.github/commits/HEAD').matchHeader('accept', /application\/vnd\.github(\.v3)?\.sha/).reply(200, sha, { 'content-type': 'application/vnd.github.sha; charset=utf-8', etag });
}

/** The folder at `sha` with these files, and each file's text. */
function folder(scope: nock.Scope, files: Record<string, string>, sha = SHA): nock.Scope {
  scope.get(DIR).query({ ref: sha }).reply(200, Object.entries(files).map(([name, text]) => ({ type: 'file', name, path: `maestro/controls/${name}`, size: Buffer.byteLength(text) })));
  for (const [name, text] of Object.entries(files).filter(([n]) => n.endsWith('.yml'))) scope.get(`${DIR}%2F${name}`).query({ ref: sha }).reply(200, text, YAML);
  return scope;
}

describe('OrgCatalogCache', () => {
  pinGitHubRequests();

  it('reads maestro/controls of the org .github repository at one commit, and extends the shipped catalog with it', async () => {
    const scope = folder(head(nock(API)), { 'org-01.yml': CONTROL, 'README.md': '# not a control' });
    const result = await new OrgCatalogCache().read(octokit() as never, 'acme', EXTEND, SHIPPED, '0.1.0');
    expect(scope.isDone()).toBe(true);
    expect(result.ok && result.catalog.controls.length).toBe(31);
    expect(result.ok && result.catalog.origin).toEqual({ source: 'org', mode: 'extend', location: 'acme/.github@1a2b3c4 maestro/controls', files: 1, overrides: [], shippedVersion: '0.1.0' });
  });

  it('asks for nothing within a few minutes, then only for the commit with its ETag: a 304 reuses the catalog built', async () => {
    let now = 0;
    const cache = new OrgCatalogCache(() => now);
    const client = octokit();
    const first = folder(head(nock(API)), { 'org-01.yml': CONTROL });
    const built = await cache.read(client as never, 'acme', EXTEND, SHIPPED, '0.1.0');
    expect(first.isDone()).toBe(true);
    expect(await cache.read(client as never, 'acme', EXTEND, SHIPPED, '0.1.0')).toBe(built);
    now = ORG_CONFIG_FRESH_MS + 1;
    const revalidated = nock(API).get('/repos/acme/.github/commits/HEAD').matchHeader('if-none-match', '"head-1"').reply(304, '');
    expect(await cache.read(client as never, 'acme', EXTEND, SHIPPED, '0.1.0')).toBe(built);
    expect(revalidated.isDone()).toBe(true);
    // A push to the org's .github: the new commit's catalog is read.
    now += ORG_CONFIG_FRESH_MS + 1;
    const pushed = folder(head(nock(API), NEXT, '"head-2"'), { 'org-01.yml': CONTROL.replace('P1', 'P0') }, NEXT);
    const next = await cache.read(client as never, 'acme', EXTEND, SHIPPED, '0.1.0');
    expect(pushed.isDone()).toBe(true);
    expect(next.ok && next.catalog.controls.find((c) => c.id === 'ORG-01')!.priority).toBe('P0');
  });

  it('works behind the app\'s ETag cache of contents reads', async () => {
    const client = octokit();
    new EtagCache().install(client as never);
    const scope = folder(head(nock(API)), { 'org-01.yml': CONTROL });
    expect((await new OrgCatalogCache().read(client as never, 'acme', EXTEND, SHIPPED, '0.1.0')).ok).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['the app cannot read the repository', (s: nock.Scope) => s.get('/repos/acme/.github/commits/HEAD').reply(404, { message: 'Not Found' }), 'catalog.source is org, but the app cannot read acme/.github (HTTP 404: it does not exist, or the app is not installed on it); install the app on acme/.github with Contents: read, or set catalog.source: shipped in the org config'],
    ['the folder does not exist', (s: nock.Scope) => head(s).get(DIR).query({ ref: SHA }).reply(404, { message: 'Not Found' }), 'catalog.source is org, but maestro/controls in acme/.github@1a2b3c4 does not exist; add the org\'s control files there (one control per *.yml file), or set catalog.source: shipped in the org config'],
    ['the folder holds no control file', (s: nock.Scope) => head(s).get(DIR).query({ ref: SHA }).reply(200, [{ type: 'file', name: 'README.md', path: 'maestro/controls/README.md', size: 3 }]), 'maestro/controls in acme/.github@1a2b3c4 holds no control files (*.yml); add one control per file, or set catalog.source: shipped in the org config'],
    ['the folder holds too many files', (s: nock.Scope) => head(s).get(DIR).query({ ref: SHA }).reply(200, Array.from({ length: MAX_ORG_CONTROL_FILES + 1 }, (_, i) => ({ type: 'file', name: `c-${i}.yml`, path: `maestro/controls/c-${i}.yml`, size: 10 }))), `maestro/controls in acme/.github@1a2b3c4 holds ${MAX_ORG_CONTROL_FILES + 1} control files, more than the limit of ${MAX_ORG_CONTROL_FILES}; none was read. Keep the catalog to ${MAX_ORG_CONTROL_FILES} controls`],
    ['a file is too large', (s: nock.Scope) => head(s).get(DIR).query({ ref: SHA }).reply(200, [{ type: 'file', name: 'big.yml', path: 'maestro/controls/big.yml', size: 300 * 1024 }]), 'maestro/controls/big.yml in acme/.github is 307200 bytes, more than the limit of 256 KiB for a control file; it was not read. A control is a page of YAML: split it or shorten it'],
  ])('refuses when %s, with the key catalog and the remedy, before reading any control', async (_what, answer, message) => {
    const scope = answer(nock(API));
    expect(await new OrgCatalogCache().read(octokit() as never, 'acme', EXTEND, SHIPPED, '0.1.0')).toEqual({ ok: false, issues: [{ key: 'catalog', message }] });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an invalid control file, naming the file in the org repository, the key and the remedy', async () => {
    const scope = folder(head(nock(API)), { 'org-01.yml': CONTROL.replace('priority: P1', 'priority: P1\nseverity: high'), 'org-02.yml': CONTROL, 'org-03.yml': CONTROL });
    const result = await new OrgCatalogCache().read(octokit() as never, 'acme', EXTEND, SHIPPED, '0.1.0');
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      ok: false,
      issues: [
        { key: 'catalog', message: 'maestro/controls/org-01.yml in acme/.github at /severity: unknown field "severity"; fix the field; Maestro\'s controls/control.schema.json documents every field' },
        { key: 'catalog', message: 'maestro/controls/org-03.yml in acme/.github at /id: control id ORG-01 is defined twice, in maestro/controls/org-02.yml in acme/.github and in maestro/controls/org-03.yml in acme/.github; give each control its own id (a control with the id of a shipped one replaces it when the catalog extends the shipped one)' },
      ],
    });
  });
});
