import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
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
    expect(huge).toMatchObject({ status: 'invalid', code: 'FILE_TOO_LARGE', ref: { size: 104857600 } });
    expect(huge!.ref.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
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
