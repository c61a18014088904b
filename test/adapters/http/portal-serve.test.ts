import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resolveSitePath, serveStaticSite, type StaticServer } from '../../../adapters/http/serve-static-site.js';
import { tempDir, writeTree } from '../../helpers/release-bundle.js';

let server: StaticServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('maestro-serve-');
  writeTree(dir, {
    'secret.txt': 'outside the site\n',
    'site/index.html': '<!doctype html><title>home</title>',
    'site/releases/v1.0.0/index.html': '<!doctype html><title>v1</title>',
    'site/bundles/v1.0.0/report.html': '<script>alert(1)</script>',
    'site/bundles/v1.0.0/log.json': '{}',
    'site/a b/c.css': 'body{}',
  });
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside/x.html'), 'outside');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'site/leak.txt'));
  symlinkSync(join(dir, 'outside'), join(dir, 'site/linked'));
  server = await serveStaticSite(join(dir, 'site'), { port: 0 });
});

afterAll(() => server.close());

/** A request with the path sent exactly as written: no client normalises the dots away. */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveStaticSite', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves pages with the site\'s policy, and a folder as its index.html', async () => {
    const home = await get('/');
    expect([home.status, home.body, home.headers['content-type']]).toEqual([200, '<!doctype html><title>home</title>', 'text/html; charset=utf-8']);
    expect(home.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/releases/v1.0.0/')).body).toContain('v1');
    expect((await get('/a%20b/c.css?x=1#y')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('serves the evidence copies as text or downloads in a sandbox, never as pages', async () => {
    const html = await get('/bundles/v1.0.0/report.html');
    expect([html.status, html.headers['content-type'], html.headers['content-security-policy']]).toEqual([200, 'application/octet-stream', "sandbox; default-src 'none'"]);
    expect((await get('/bundles/v1.0.0/log.json')).headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it.each([
    ['/../secret.txt', 400],
    ['/releases/../../secret.txt', 400],
    ['/%2e%2e/secret.txt', 400],
    ['/%2E%2E/%2E%2E/secret.txt', 400],
    ['/releases/..%2f..%2fsecret.txt', 400],
    ['/..%5csecret.txt', 400],
    ['/..\\secret.txt', 400],
    ['/index.html%00.txt', 400],
    ['/%E0%A4%A', 400],
    ['/./index.html', 400],
    ['//etc/passwd', 404],
    ['/leak.txt', 404],
    ['/linked/x.html', 404],
    ['/missing.html', 404],
  ])('refuses %s (%i) and never answers with a file outside the site', async (path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.body).not.toContain('outside');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
    const head = await get('/', 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '34']);
  });

  it('refuses a site folder that does not exist', async () => {
    await expect(serveStaticSite(join(dir, 'nope'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('resolveSitePath', () => {
  it.each([
    ['/', '/site'],
    ['/a/b.html', '/site/a/b.html'],
    ['/a%2Fb', undefined],
    ['relative', undefined],
    ['/a/../b', undefined],
  ])('%s -> %s', (url, expected) => expect(resolveSitePath('/site', url)).toBe(expected));
});
