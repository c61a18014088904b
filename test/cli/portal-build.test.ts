import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildPortalStore, TAMPERED, type PortalStore } from '../helpers/portal-fixture.js';
import { tempDir } from '../helpers/release-bundle.js';
import { runMain } from '../helpers/run-main.js';

let fx: PortalStore;
let site: string;
let built: { code: number; stdout: string; stderr: string };
const NOW = '2026-11-20T12:00:00Z';

beforeAll(async () => {
  fx = await buildPortalStore();
  site = join(tempDir('maestro-site-'), 'site');
  built = await runMain(['portal', 'build', '--store', fx.store, '--ledger', fx.ledger, '--out', site, '--key', fx.publicKey, '--now', NOW, '--format', 'json']);
}, 120_000);

const page = (path: string): string => readFileSync(join(site, path), 'utf8');
const unescape = (html: string): string => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&amp;/g, '&');

describe('maestro portal build', () => {
  it('builds the site of every release and exits 1, naming the release that failed verification', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(1);
    const out = JSON.parse(built.stdout);
    expect(out.releases).toEqual([{ release: 'v1.0.0', ok: true, failed: 0 }, { release: 'v1.1.0', ok: true, failed: 0 }, { release: 'v1.2.0', ok: false, failed: 1 }]);
    expect(out.largestPage.bytes).toBeLessThan(2 * 1024 * 1024);
    expect(readdirSync(site).sort()).toEqual(['.maestro-portal', 'assets', 'bundles', 'index.html', 'releases']);
  });

  it('writes pages that need nothing from outside the site: no http(s) URL in any attribute, one script file', () => {
    for (const path of ['index.html', 'releases/v1.0.0/index.html', 'releases/v1.2.0/pulls-1.html', 'releases/v1.2.0/files-1.html']) {
      const html = page(path);
      expect(html.match(/(?:src|href)="[^"]*"/g)!.filter((a) => /^(?:src|href)="(?:[a-z]+:|\/\/)/i.test(a) && a !== 'href="data:,"')).toEqual([]);
      expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="(\.\.\/)*assets\/portal\.js" defer>$/)]);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self';`);
    }
  });

  it('copies each bundle as published, so maestro verify checks the copy as it checks the store', async () => {
    const good = await runMain(['verify', join(site, 'bundles/v1.1.0'), '--key', fx.publicKey, '--offline']);
    expect([good.code, good.stdout]).toEqual([0, expect.stringContaining('verified: v1.1.0')]);
    const bad = await runMain(['verify', join(site, 'bundles/v1.2.0'), '--key', fx.publicKey, '--offline']);
    expect([bad.code, bad.stdout]).toEqual([1, expect.stringContaining(`FAIL  artifact ${TAMPERED}: changed`)]);
  });

  it('gives openssl and sha256sum commands in "verify it yourself" that hold for a good release and catch the tampered one', () => {
    const run = (tag: string): { code: number; out: string } => {
      const box = /<section aria-labelledby="verify-h"[\s\S]*?<pre tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/.exec(page(`releases/${tag}/index.html`))![1]!;
      const script = unescape(box).split('# 3. Without maestro')[1]!.split('\n').slice(1).join('\n').replace(/release-signing\.pub\.pem/g, fx.publicKey);
      try {
        return { code: 0, out: execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: site, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (error) {
        return { code: (error as { status: number }).status, out: String((error as { stdout?: string }).stdout) };
      }
    };
    const good = run('v1.1.0');
    expect(good.code).toBe(0);
    const manifest = /Manifest sha256<\/dt><dd><code class="digest">([0-9a-f]{64})/.exec(page('releases/v1.1.0/index.html'))![1];
    expect(good.out).toContain(`${manifest}  manifest.json`);
    expect(good.out).toContain('Verified OK');
    expect(good.out).toContain(`"sha256":"${manifest}"`);
    expect(good.out).toContain(`${TAMPERED}: OK`);
    const bad = run('v1.2.0');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`${TAMPERED}: FAILED`);
  });

  it('replaces a site it built before, and refuses a folder that holds something else', async () => {
    const again = await runMain(['portal', 'build', '--store', fx.store, '--out', site, '--key', fx.publicKey, '--now', NOW]);
    expect([again.code, again.stderr]).toEqual([1, '']);
    expect(again.stdout.split('\n').slice(1, 4)).toEqual(['  verified      v1.0.0', '  verified      v1.1.0', '  NOT VERIFIED  v1.2.0 (1 failed check(s))']);
    const foreign = join(tempDir('maestro-site-'), 'docs');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const refused = await runMain(['portal', 'build', '--store', fx.store, '--out', foreign, '--key', fx.publicKey, '--now', NOW]);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('holds files that are not a site built by maestro portal build')]);
    expect(readdirSync(foreign)).toEqual(['keep.txt']);
  });

  it('shows a store without releases as such, and a missing store as an error', async () => {
    const empty = join(tempDir('maestro-site-'), 'empty');
    mkdirSync(empty);
    const out = join(empty, '..', 'site');
    const result = await runMain(['portal', 'build', '--store', empty, '--out', out, '--now', NOW]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('The store holds no release bundle.');
    const missing = await runMain(['portal', 'build', '--store', join(empty, 'nope'), '--out', join(empty, 'x'), '--now', NOW]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('does not exist')]);
    expect(existsSync(join(empty, 'x'))).toBe(false);
  });
});
