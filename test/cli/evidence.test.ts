import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { makeArtifacts, makeKeyPair, tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');

function bin(name: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', name), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = tempDir('maestro-cli-input-');
const small = makeArtifacts(join(scratch, 'artifacts'));
const out = join(scratch, 'never-written');

describe('ig-evidence and ig-verify', () => {
  it.each(['maestro.cjs evidence bundle', 'maestro.cjs verify', 'maestro.cjs drill worm', 'ig-evidence.cjs', 'ig-verify.cjs'])('%s prints its help', (line) => {
    const [name, ...words] = line.split(' ') as [string, ...string[]];
    const out = bin(name, ...words, '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: maestro (evidence bundle|verify|drill worm) \[options\]/);
  });

  it('build, verify (exit 0), and fail verification with exit 1 once an artifact changes', () => {
    const dir = tempDir('maestro-cli-bundle-');
    const keys = makeKeyPair(dir);
    const bundle = join(dir, 'v1.0.0');
    const built = bin('ig-evidence.cjs', '--release', 'v1.0.0', '--artifacts', makeArtifacts(join(dir, 'artifacts')), '--out', bundle, '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', '2026-11-20T12:00:00Z', '--sign', `key:${keys.privateKey}`, '--format', 'json');
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(JSON.parse(built.stdout)).toMatchObject({ release: 'v1.0.0', artifacts: 3, signed: true, previous: null, published: null });
    expect(bin('ig-verify.cjs', bundle, '--key', keys.publicKey, '--offline').code).toBe(0);
    chmodSync(join(bundle, 'reports/notes.txt'), 0o644);
    writeFileSync(join(bundle, 'reports/notes.txt'), 'release notez\n');
    const verified = bin('ig-verify.cjs', bundle, '--key', keys.publicKey, '--format', 'json');
    expect(verified.code).toBe(1);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: false, checks: expect.arrayContaining([{ check: 'artifact', subject: 'reports/notes.txt', result: 'fail', detail: expect.stringMatching(/^changed: sha256 is/) }]) });
  });

  it('exits 2 naming an unreadable artifact, and writes nothing', () => {
    const dir = tempDir('maestro-cli-unreadable-');
    const artifacts = makeArtifacts(join(dir, 'artifacts'));
    chmodSync(join(artifacts, 'reports/notes.txt'), 0o000);
    chmodSync(dir, 0o777);
    const args = [join(root, 'bin/ig-evidence.cjs'), '--release', 'v1', '--artifacts', artifacts, '--out', join(dir, 'out'), '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', '2026-11-20T12:00:00Z'];
    // root reads any file: there, run without the capabilities that let it (still root, so a checkout
    // in a folder only root may enter, such as one made by mktemp -d, stays readable).
    const asUser = process.getuid?.() === 0 ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, ...args]] as const : [process.execPath, args] as const;
    const result = spawnSync(asUser[0], [...asUser[1]], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error FILE_UNREADABLE: artifact reports\/notes.txt cannot be read \(EACCES\)\n {2}remedy: check the file's permissions/);
    expect(readdirSync(dir)).toEqual(['artifacts']);
  });

  it.each([
    [['ig-verify.cjs', '/nonexistent/v1.0.0'], 'error FILE_NOT_FOUND: bundle folder /nonexistent/v1.0.0 does not exist'],
    [['ig-evidence.cjs', '--release', 'v1', '--artifacts', '/nonexistent', '--out', out, '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', '2026-11-20T12:00:00Z'], 'error FILE_NOT_FOUND: artifacts folder /nonexistent does not exist'],
    [['ig-evidence.cjs', '--release', 'v1', '--artifacts', small, '--out', out, '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', '2026-11-20T12:00:00Z', '--sign', 'gpg'], "error USAGE: --sign 'gpg' is neither keyless nor key:<file>"],
    [['ig-evidence.cjs', '--release', 'v1', '--artifacts', small, '--out', out, '--repo', 'acme/web', '--commit', 'c'.repeat(40), '--created-at', '2026-11-20T12:00:00Z', '--store', 'ftp://host/x'], 'error STORE_URL_INVALID: store URL ftp://host/x has an unsupported scheme'],
    [['maestro.cjs', 'drill', 'worm', '--store', '/tmp/folder', '--repo', 'acme/web', '--commit', 'c'.repeat(40)], 'error USAGE: the WORM drill needs an s3:// store with Object Lock'],
  ])('exits 2 on bad input: %j', (args, message) => {
    const [name, ...rest] = args as [string, ...string[]];
    const result = bin(name, ...rest);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
