import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { collectArtifacts } from '../../../adapters/fs/collect-artifacts.js';
import { startCopier } from '../../../adapters/fs/copy-hashed.js';
import { draftBundleFolder } from '../../../adapters/fs/draft-bundle-folder.js';
import { tempDir, writeTree } from '../../helpers/release-bundle.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the copier: copy and hash in one pass, on copier threads', () => {
  const copier = startCopier({ threads: 2, clone: false });
  afterAll(() => copier.close());
  const copyHashed = (source: string, target: string, name: string) => copier.copy(source, target, name);

  it.each([
    ['an empty file', 0],
    ['a file smaller than a chunk', 1000],
    ['a file of exactly one chunk', 256 * 1024],
    ['a file of many chunks and a tail', 9 * (1 << 20) + 123],
  ])('copies %s byte for byte, read-only, and returns the digest and size of the copy', async (_name, size) => {
    const dir = tempDir();
    const bytes = randomBytes(size);
    writeFileSync(join(dir, 'source.bin'), bytes);
    const digest = await copyHashed(join(dir, 'source.bin'), join(dir, 'copy.bin'), 'source.bin');
    expect(digest).toEqual({ sha256: sha256(bytes), size, cloned: false });
    expect(readFileSync(join(dir, 'copy.bin')).equals(bytes)).toBe(true);
    expect(statSync(join(dir, 'copy.bin')).mode & 0o777).toBe(0o444);
  });

  it('copies many files at once, each to its own digest', async () => {
    const dir = tempDir();
    const files = Array.from({ length: 40 }, (_, i) => randomBytes(1000 + i * 7919));
    files.forEach((bytes, i) => writeFileSync(join(dir, `s${i}`), bytes));
    const digests = await Promise.all(files.map((_, i) => copyHashed(join(dir, `s${i}`), join(dir, `c${i}`), `s${i}`)));
    expect(digests.map((d) => d.sha256)).toEqual(files.map(sha256));
  });

  it('clones when asked and the file system can, and copies otherwise, hashing the result either way', async () => {
    const dir = tempDir();
    const bytes = randomBytes(300_000);
    writeFileSync(join(dir, 'source.bin'), bytes);
    const cloning = startCopier({ threads: 1 });
    const copied = await cloning.copy(join(dir, 'source.bin'), join(dir, 'copy.bin'), 'source.bin');
    await cloning.close();
    // ext4 and tmpfs cannot clone (the copy names why); XFS, Btrfs and APFS can.
    expect(copied).toMatchObject({ sha256: sha256(bytes), size: 300_000 });
    expect(copied.cloned || /^E[A-Z]+$/.test(copied.cloneFailed ?? '')).toBe(true);
    expect(readFileSync(join(dir, 'copy.bin')).equals(bytes)).toBe(true);
    expect(statSync(join(dir, 'copy.bin')).mode & 0o777).toBe(0o444);
  });

  it('never writes over an existing file', async () => {
    const dir = tempDir();
    writeTree(dir, { 'source.txt': 'new', 'copy.txt': 'old' });
    await expect(copyHashed(join(dir, 'source.txt'), join(dir, 'copy.txt'), 'source.txt')).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: 'the copy of artifact source.txt cannot be created (EEXIST)' });
    expect(readFileSync(join(dir, 'copy.txt'), 'utf8')).toBe('old');
  });

  it('refuses a named pipe at once instead of waiting for a writer, and creates no copy', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await expect(copyHashed(join(dir, 'pipe'), join(dir, 'copy'), 'reports/pipe')).rejects.toMatchObject({ code: 'NOT_A_FILE', message: 'artifact reports/pipe is a named pipe (FIFO), not a regular file' });
    expect(existsSync(join(dir, 'copy'))).toBe(false);
  });

  it('names a source that disappeared', async () => {
    const dir = tempDir();
    await expect(copyHashed(join(dir, 'gone.bin'), join(dir, 'copy.bin'), 'sbom/gone.bin')).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: 'artifact sbom/gone.bin cannot be read (ENOENT)' });
  });

  it('does not keep a process alive once its copies are done, even without close()', () => {
    const dir = writeTree(tempDir(), { a: 'one', b: 'two', c: 'three' });
    const script = `import { startCopier } from './adapters/fs/copy-hashed.ts';
      const copier = startCopier({ threads: 4 });
      const out = await Promise.all(['a', 'b', 'c'].map((f) => copier.copy(${JSON.stringify(dir)} + '/' + f, ${JSON.stringify(dir)} + '/copy-' + f, f)));
      console.log(out.map((d) => d.size).join(' '));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: resolve(import.meta.dirname, '../../..'), encoding: 'utf8', timeout: 30_000 });
    expect({ status: run.status, signal: run.signal, stdout: run.stdout }).toEqual({ status: 0, signal: null, stdout: '3 3 5\n' });
  });

  it('once closed, refuses the copies still queued and writes nothing more', async () => {
    const dir = tempDir();
    const other = startCopier({ threads: 1, clone: false });
    writeFileSync(join(dir, 'big.bin'), randomBytes(8 << 20));
    const copies = Array.from({ length: 20 }, (_, i) => other.copy(join(dir, 'big.bin'), join(dir, `copy${i}.bin`), 'big.bin'));
    copies.forEach((c) => c.catch(() => undefined));
    await copies[0];
    await other.close();
    const settled = await Promise.allSettled(copies);
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(10);
    const written = readdirSync(dir).filter((f) => f.startsWith('copy')).length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readdirSync(dir).filter((f) => f.startsWith('copy')).length).toBe(written);
    await expect(other.copy(join(dir, 'big.bin'), join(dir, 'late.bin'), 'big.bin')).rejects.toMatchObject({ message: expect.stringContaining('closed') });
  });
});

describe('draftBundleFolder', () => {
  it('copies artifacts into a staging folder that becomes the bundle in one rename', async () => {
    const dir = tempDir();
    const artifacts = writeTree(join(dir, 'artifacts'), { 'a/one.txt': 'one', 'a/b/two.bin': randomBytes(3 << 20), 'three.json': '{}' });
    const draft = await draftBundleFolder(join(dir, 'out'));
    const digests = [];
    for (const file of await collectArtifacts(artifacts)) digests.push({ path: file.path, ...(await draft.add(file)) });
    expect(readdirSync(dir).sort()).toEqual(['.out.' + process.pid + '.partial', 'artifacts']);
    await draft.write('manifest.json', Buffer.from('{}\n'));
    await draft.save();
    await draft.discard();
    expect(readdirSync(dir).sort()).toEqual(['artifacts', 'out']);
    for (const { path, sha256: digest, size } of digests) {
      const copy = readFileSync(join(dir, 'out', path));
      expect({ path, sha256: sha256(copy), size: copy.length }).toEqual({ path, sha256: digest, size });
      expect(copy.equals(readFileSync(join(artifacts, path)))).toBe(true);
    }
  });

  it('writes each of its own files once: a second manifest is refused', async () => {
    const dir = tempDir();
    const draft = await draftBundleFolder(join(dir, 'out'));
    await draft.write('manifest.json', Buffer.from('{}\n'));
    await expect(draft.write('manifest.json', Buffer.from('{"forged":true}\n'))).rejects.toMatchObject({ code: 'EEXIST' });
    await draft.discard();
  });

  it('leaves nothing behind when an artifact cannot be copied', async () => {
    const dir = tempDir();
    const draft = await draftBundleFolder(join(dir, 'out'));
    await expect(draft.add({ source: join(dir, 'missing.bin'), path: 'sbom/missing.bin' })).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: 'artifact sbom/missing.bin cannot be read (ENOENT)' });
    await draft.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('collectArtifacts', () => {
  it('refuses a link to a named pipe inside the folder, which a copy would wait on forever', async () => {
    const dir = writeTree(tempDir(), { 'ok.txt': 'x' });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync('pipe', join(dir, 'report.json'));
    // Whichever readdir lists first is refused: the pipe itself, or the link to it.
    await expect(collectArtifacts(dir)).rejects.toMatchObject({ code: 'NOT_A_FILE', message: expect.stringMatching(/^artifact (pipe is not a regular file|report\.json links to a named pipe \(FIFO\), not a regular file)$/) });
  });
});
