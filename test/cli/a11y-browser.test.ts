import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';
import { startService } from '../helpers/services.js';

const root = resolve(import.meta.dirname, '../..');
const subject = ['--repo', 'acme/web', '--sha', 'a'.repeat(40)];
const pages: Record<string, string> = {
  '/bad': '<!doctype html><html><head><title>Bad</title></head><body><img src="x.png"><button></button><p style="color:#bbb;background:#fff">low contrast</p></body></html>',
  '/clean': '<!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Welcome</h1><p>Plain, readable text.</p></main></body></html>',
  '/late': '<!doctype html><html lang="en"><head><title>Late</title></head><body><main><h1>Late</h1><div id="app"></div></main><script>setTimeout(() => { document.getElementById("app").innerHTML = \'<img id="late" src="y.png">\'; }, 2500);</script></body></html>',
  '/minor': '<!doctype html><html lang="en"><head><title>Minor</title></head><body><main><h1>Minor</h1><h2></h2><p>An empty heading: a minor violation.</p></main></body></html>',
  '/members': '<!doctype html><html lang="en"><head><title>Members</title></head><body><main><h1>Members</h1></main></body></html>',
};

let server: Server;
let base: string;
let browserPath: string;

/** Runs maestro without blocking this process, which serves the pages. */
function maestro(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin/maestro.cjs'), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  browserPath = startService('chromium').CHROMIUM_PATH!;
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers: the page timeout must end it
    if (req.url === '/members' && !/session=s3cret/.test(req.headers.cookie ?? '')) return void res.writeHead(401).end('login first');
    const page = pages[req.url ?? ''];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

describe('maestro a11y --url (real Chromium)', () => {
  it('fails on a page with critical violations, writes a valid report and a screenshot next to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-a11y-'));
    const { code, stdout, stderr } = await maestro(['a11y', '--url', `${base}/bad`, '--url', `${base}/clean`, '--browser-path', browserPath, ...subject, '--format', 'json', '--out', join(dir, 'a11y.json')]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(parseEvidence(Buffer.from(stdout), 'a11y.json').status).toBe('valid');
    const data = JSON.parse(stdout).data;
    expect(data.tags).toEqual(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    expect(data.engine.browser).toMatch(/^chromium \d+/);
    expect(data.pages[0]).toMatchObject({ url: `${base}/bad`, screenshot: 'a11y-page-001.png' });
    expect(data.pages[0].counts.critical).toBeGreaterThanOrEqual(2);
    expect(data.pages[1].counts).toEqual({ critical: 0, serious: 0, moderate: 0, minor: 0 });
    expect(data.violations.map((v: { rule: string }) => v.rule)).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'color-contrast']));
    expect(readFileSync(join(dir, 'a11y-page-001.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(existsSync(join(dir, 'a11y-page-002.png'))).toBe(true);
  });

  it('counts minor violations, within the catalog\'s bound by default and over a stricter --max-minor', async () => {
    const tags = ['--tag', 'wcag2a', '--tag', 'wcag2aa', '--tag', 'best-practice'];
    const loose = await maestro(['a11y', '--url', `${base}/minor`, ...tags, '--browser-path', browserPath, ...subject, '--format', 'json']);
    expect(loose.code).toBe(0);
    const data = JSON.parse(loose.stdout).data;
    expect(data.counts).toMatchObject({ critical: 0, serious: 0 });
    expect(data.counts.minor).toBeGreaterThanOrEqual(1);
    expect(data.violations).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'empty-heading', impact: 'minor' })]));
    const strict = await maestro(['a11y', '--url', `${base}/minor`, ...tags, '--max-minor', '0', '--browser-path', browserPath, ...subject, '--format', 'json']);
    expect(strict.code).toBe(1);
  });

  it('passes on an accessible page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-a11y-'));
    const { code, stdout } = await maestro(['a11y', '--url', `${base}/clean`, '--browser-path', browserPath, ...subject, '--out', join(dir, 'a11y.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain('accessibility thresholds met: 0 violations on 1 page');
  });

  it('scans a page that renders late only after --wait-for shows its selector', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-a11y-'));
    const early = await maestro(['a11y', '--url', `${base}/late`, '--browser-path', browserPath, ...subject, '--screenshots', dir]);
    expect(early.code).toBe(0);
    const waited = await maestro(['a11y', '--url', `${base}/late`, '--wait-for', '#late', '--browser-path', browserPath, ...subject, '--screenshots', dir, '--format', 'json']);
    expect(waited.code).toBe(1);
    expect(JSON.parse(waited.stdout).data.violations).toEqual([expect.objectContaining({ rule: 'image-alt', impact: 'critical', target: '#late' })]);
  });

  it('fails closed on a page that never loads, naming the timeout', async () => {
    const { code, stdout } = await maestro(['a11y', '--url', `${base}/hang`, '--page-timeout', '1500', '--browser-path', browserPath, ...subject, '--screenshots', mkdtempSync(join(tmpdir(), 'maestro-a11y-')), '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).data.pages[0].error).toMatch(/Timeout 1500ms exceeded/);
  });

  it('sends --cookie to the scanned host, and fails closed on an HTTP error without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-a11y-'));
    const denied = await maestro(['a11y', '--url', `${base}/members`, '--browser-path', browserPath, ...subject, '--screenshots', dir]);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain('the server answered HTTP 401');
    const allowed = await maestro(['a11y', '--url', `${base}/members`, '--cookie', 'session=s3cret', '--browser-path', browserPath, ...subject, '--screenshots', dir]);
    expect(allowed.code).toBe(0);
  });

  it('runs --login-script once before the scan and keeps its session for every page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-a11y-'));
    const script = join(dir, 'login.js');
    writeFileSync(script, "document.cookie = 'session=s3cret; path=/';\nawait new Promise((done) => setTimeout(done, 10));\n");
    const { code, stdout } = await maestro(['a11y', '--url', `${base}/members`, '--login-script', script, '--browser-path', browserPath, ...subject, '--screenshots', dir]);
    expect(stdout).toContain('accessibility thresholds met: 0 violations on 1 page');
    expect(code).toBe(0);
  });

  it.each([
    [['--url', 'http://example.com/', '--allow-host', '127.0.0.1'], /^error USAGE: --url "http:\/\/example.com\/" is on the host example.com, which is not in --allow-host/],
    [['--url', 'file:///etc/passwd'], /^error USAGE: --url "file:\/\/\/etc\/passwd" is not http or https/],
    [['--url', 'http://127.0.0.1/', '--results', 'x.json'], /^error USAGE: --results and --url cannot be used together/],
    [['--url', 'http://127.0.0.1/', '--browser-path', '/nonexistent/chrome'], /^error BROWSER_FAILED: Chromium at \/nonexistent\/chrome could not start/],
  ])('refuses %j with a clear error', async (args, message) => {
    const { code, stderr } = await maestro(['a11y', ...args, ...subject, '--screenshots', mkdtempSync(join(tmpdir(), 'maestro-a11y-'))]);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});
