import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readEvidenceDir } from '../../../adapters/fs/read-evidence-dir.js';
import { a11yData, makeReport } from '../../helpers/build-evidence.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'evidence-'));
}

describe('readEvidenceDir', () => {
  it('reads every JSON file at any depth, in path order, and skips other files', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'gates/a11y'), { recursive: true });
    writeFileSync(join(dir, 'gates/a11y/report.json'), JSON.stringify(makeReport('a11y', a11yData())));
    writeFileSync(join(dir, 'b.json'), '{"kind":"nope"}');
    writeFileSync(join(dir, 'gates/a11y/home.png'), 'not evidence');
    const items = await readEvidenceDir(dir);
    expect(items.map((i) => [i.ref.path, i.status])).toEqual([['b.json', 'invalid'], ['gates/a11y/report.json', 'valid']]);
  });

  it('marks a 100 MB file invalid without reading it into memory', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'huge.json'), '');
    truncateSync(join(dir, 'huge.json'), 100 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const [huge] = await readEvidenceDir(dir);
    expect(huge).toMatchObject({ status: 'invalid', code: 'FILE_TOO_LARGE', ref: { size: 104857600, sha256: '' } });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a sparse 10 GB file by its size in milliseconds, neither reading nor hashing it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'big.json'), '');
    truncateSync(join(dir, 'big.json'), 10 * 1024 ** 3);
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(makeReport('a11y', a11yData())));
    const started = performance.now();
    const items = await readEvidenceDir(dir);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(items.map((i) => [i.ref.path, i.status])).toEqual([['big.json', 'invalid'], ['ok.json', 'valid']]);
    expect(items[0]).toMatchObject({ code: 'FILE_TOO_LARGE', ref: { size: 10737418240, sha256: '' } });
    expect(items[0]!.status === 'invalid' && items[0]!.issues[0]!.message).toBe(
      'the file is 10737418240 bytes, more than the limit of 26214400 bytes (25 MiB) for one evidence report; it was not read. Split the report, or leave the file out of the evidence folder',
    );
  });

  it('reports a named pipe (FIFO) as rejected evidence without opening it, whatever its name', async () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, 'pipe.json'), join(dir, 'pipe.log')]);
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(makeReport('a11y', a11yData())));
    // Opening either pipe for reading would block this test until its timeout.
    const items = await readEvidenceDir(dir);
    expect(items.map((i) => [i.ref.path, i.status, i.status === 'invalid' ? i.code : 'ok'])).toEqual([['ok.json', 'valid', 'ok'], ['pipe.json', 'invalid', 'NOT_A_FILE'], ['pipe.log', 'invalid', 'NOT_A_FILE']]);
    expect(items[1]).toMatchObject({ issues: [{ pointer: '', message: 'the entry is a named pipe (FIFO), not a regular file; it was not opened (evidence files must be regular files)' }] });
  });

  it('reports a socket as rejected evidence', async () => {
    const dir = folder();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'agent.sock'), resolve));
    try {
      expect(await readEvidenceDir(dir)).toEqual([expect.objectContaining({ status: 'invalid', code: 'NOT_A_FILE', ref: expect.objectContaining({ path: 'agent.sock' }), issues: [expect.objectContaining({ message: expect.stringContaining('the entry is a socket') })] })]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a symbolic link to a folder as rejected evidence instead of skipping it or following it', async () => {
    const dir = folder();
    const elsewhere = folder();
    writeFileSync(join(elsewhere, 'report.json'), JSON.stringify(makeReport('a11y', a11yData())));
    symlinkSync(elsewhere, join(dir, 'gates'));
    expect(await readEvidenceDir(dir)).toEqual([{
      status: 'invalid',
      ref: { path: 'gates', sha256: '', size: 0 },
      code: 'SYMLINK_REFUSED',
      issues: [{ pointer: '', message: 'the entry is a symbolic link to a folder; linked folders are not followed, so the reports in it were not read' }],
    }]);
  });

  it('says when a symbolic link to a report points outside the folder', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/a.json'), '{}');
    symlinkSync(join(dir, 'real/a.json'), join(dir, 'inside.json'));
    symlinkSync('/etc/hostname', join(dir, 'outside.json'));
    const items = await readEvidenceDir(dir);
    const messages = Object.fromEntries(items.map((i) => [i.ref.path, i.status === 'invalid' ? `${i.code}: ${i.issues[0]!.message}` : 'valid']));
    expect(messages['outside.json']).toBe('SYMLINK_REFUSED: the entry is a symbolic link pointing outside the evidence folder; evidence files must be regular files, and symbolic links are not followed');
    expect(messages['inside.json']).toBe('SYMLINK_REFUSED: the entry is a symbolic link to real/a.json in the evidence folder; evidence files must be regular files, and symbolic links are not followed');
  });

  it('refuses symbolic links instead of following them out of the folder', async () => {
    const dir = folder();
    writeFileSync(join(tmpdir(), 'outside.json'), '{}');
    symlinkSync(join(tmpdir(), 'outside.json'), join(dir, 'link.json'));
    expect(await readEvidenceDir(dir)).toEqual([expect.objectContaining({ status: 'invalid', code: 'SYMLINK_REFUSED' })]);
  });

  it('refuses a folder with more files than the limit', async () => {
    const dir = folder();
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `${i}.json`), '{}');
    await expect(readEvidenceDir(dir, { maxFiles: 3, maxFileBytes: 1000, maxDepth: 2 })).rejects.toMatchObject({ code: 'TOO_MANY_FILES' });
  });

  it('says when the folder does not exist', async () => {
    await expect(readEvidenceDir('/nonexistent/evidence')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: 'evidence folder /nonexistent/evidence does not exist' });
  });
});
