import { describe, expect, it } from '@jest/globals';
import yazl from 'yazl';
import { extractEvidenceZip, unsafePath } from '../../../adapters/zip/extract-evidence-zip.js';

/** A zip built with yazl: entries with contents, optional deflate and unix mode. */
function makeZip(entries: Array<{ name: string; data: Buffer | string; compress?: boolean; mode?: number }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.data), e.name, { compress: e.compress ?? true, ...(e.mode ? { mode: e.mode } : {}) });
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Rewrites every occurrence of a name in a zip (local header and central directory), keeping its length. */
function rename(zip: Buffer, from: string, to: string): Buffer {
  expect(from.length).toBe(to.length);
  const out = Buffer.from(zip);
  for (let at = out.indexOf(from); at !== -1; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

const report = JSON.stringify({ kind: 'a11y', data: {} });

describe('extractEvidenceZip', () => {
  it('returns the JSON entries in path order and skips the others unread', async () => {
    const zip = await makeZip([{ name: 'b/report.json', data: report }, { name: 'a.json', data: report }, { name: 'shots/home.png', data: 'png' }]);
    const result = await extractEvidenceZip(zip, 'maestro-evidence-a11y');
    expect(result.files.map((f) => f.path)).toEqual(['maestro-evidence-a11y/a.json', 'maestro-evidence-a11y/b/report.json']);
    expect(result.files[0]!.bytes.toString()).toBe(report);
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['a parent-folder entry', 'xx/evil.json', '../evil.json', 'climbs out with ..'],
    ['an absolute entry', 'Xetc/evil.json', '/etc/evil.json', 'is absolute'],
    ['a backslash entry', 'a/b/evil.json', 'a\\b\\evil.json', 'contains a backslash'],
  ])('refuses %s, naming it', async (_what, written, hostile, reason) => {
    const zip = rename(await makeZip([{ name: written, data: report }, { name: 'ok.json', data: report }]), written, hostile);
    const result = await extractEvidenceZip(zip, 'art');
    expect(result.files.map((f) => f.path)).toEqual(['art/ok.json']);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'ZIP_UNSAFE_PATH', ref: expect.objectContaining({ path: `art/${hostile}` }), issues: [expect.objectContaining({ message: expect.stringContaining(reason) })] })]);
  });

  it('refuses a symbolic link entry', async () => {
    const zip = await makeZip([{ name: 'link.json', data: '/etc/passwd', mode: 0o120777 }]);
    expect((await extractEvidenceZip(zip, 'art')).problems).toEqual([expect.objectContaining({ code: 'ZIP_SYMLINK' })]);
  });

  it('refuses a zip bomb by its ratio, without inflating it', async () => {
    const zip = await makeZip([{ name: 'bomb.json', data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(zip.byteLength).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    const result = await extractEvidenceZip(zip, 'art');
    expect(result.problems).toEqual([expect.objectContaining({ code: 'ZIP_RATIO', ref: expect.objectContaining({ path: 'art/bomb.json' }) })]);
    expect(process.memoryUsage().rss - before).toBeLessThan(15 * 1024 * 1024);
  });

  it('refuses an entry above the size limit', async () => {
    const zip = await makeZip([{ name: 'big.json', data: Buffer.alloc(3000, 'x'), compress: false }]);
    const result = await extractEvidenceZip(zip, 'art', { maxEntries: 10, maxEntryBytes: 2000, maxTotalBytes: 1e6, maxRatio: 200 });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })]);
  });

  it('stops inflating an entry whose header understates its size', async () => {
    const text = Array.from({ length: 5000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7919) % 36]).join('');
    const honest = await makeZip([{ name: 'lie.json', data: text, compress: true }]);
    // Patch the declared uncompressed size (5000 = 0x1388) down to 100 in both headers; the deflated data still yields 5000 bytes.
    const lying = Buffer.from(honest);
    const declared = Buffer.from([0x88, 0x13, 0x00, 0x00]);
    for (let at = lying.indexOf(declared); at !== -1; at = lying.indexOf(declared, at + 4)) lying.writeUInt32LE(100, at);
    const result = await extractEvidenceZip(lying, 'art');
    expect(result.files).toEqual([]);
    expect(result.problems[0]!.code).toMatch(/^ZIP_(INVALID|RATIO)$/);
  });

  it('refuses a zip with more entries than the limit, as a whole', async () => {
    const zip = await makeZip(Array.from({ length: 4 }, (_, i) => ({ name: `${i}.json`, data: report })));
    const result = await extractEvidenceZip(zip, 'art', { maxEntries: 3, maxEntryBytes: 1e6, maxTotalBytes: 1e6, maxRatio: 200 });
    expect(result).toEqual({ files: [], problems: [expect.objectContaining({ code: 'ZIP_LIMIT', ref: expect.objectContaining({ path: 'art' }) })] });
  });

  it('reports bytes that are not a zip as an invalid artifact', async () => {
    const result = await extractEvidenceZip(Buffer.from('{"kind":"a11y"}'), 'art');
    expect(result.problems).toEqual([expect.objectContaining({ code: 'ZIP_INVALID', issues: [expect.objectContaining({ message: expect.stringMatching(/^the artifact is not a readable zip/) })] })]);
  });
});

describe('unsafePath', () => {
  it.each([['a/b.json', undefined], ['a/../b.json', 'climbs out with ..'], ['C:/x.json', 'is absolute'], ['..', 'climbs out with ..'], ['a/..b/c.json', undefined]])('%s', (name, reason) => {
    expect(unsafePath(name)).toBe(reason);
  });
});
