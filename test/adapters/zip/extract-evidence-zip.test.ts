import { describe, expect, it } from '@jest/globals';
import yazl from 'yazl';
import { extractEvidenceZip, InflateBudget, MAX_ARTIFACT_INFLATED_BYTES, MAX_EVALUATION_INFLATED_BYTES, unsafePath } from '../../../adapters/zip/extract-evidence-zip.js';
import { overlappingZip, quotedOverlapZip } from '../../helpers/zip-bomb.js';

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

  it('refuses a zip whose 1,999 entries share one compressed stream, at once and inflating nothing', async () => {
    const bomb = overlappingZip(1999);
    expect(bomb.byteLength).toBeLessThan(120_000); // 1,999 x 1 MiB = 1.95 GiB if every entry were inflated
    const budget = new InflateBudget();
    const started = performance.now();
    const result = await extractEvidenceZip(bomb, 'maestro-evidence-bomb', undefined, budget);
    expect(performance.now() - started).toBeLessThan(500);
    expect(budget.used).toBe(0);
    expect(result).toEqual({
      files: [],
      problems: [{
        status: 'invalid',
        ref: { path: 'maestro-evidence-bomb', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: bomb.byteLength },
        code: 'ZIP_OVERLAP',
        issues: [{
          pointer: '',
          message: 'the artifact is a zip bomb: 1999 of its 1999 entries overlap ("r0000.json" and "r0001.json" share the bytes from offset 0), so one compressed stream would be inflated again and again; nothing was inflated. Re-create the artifact with actions/upload-artifact, which never writes such zips',
        }],
      }],
    });
  });

  it('refuses an entry whose compressed data runs over the next entry\'s header', async () => {
    const result = await extractEvidenceZip(quotedOverlapZip(), 'art');
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'ZIP_OVERLAP', issues: [expect.objectContaining({ message: expect.stringContaining('2 of its 2 entries overlap ("a.json" and "b.json"') })] })]);
  });

  it('has visible default budgets: 100 MiB per artifact, 256 MiB per evaluation', () => {
    expect(MAX_ARTIFACT_INFLATED_BYTES).toBe(100 * 1024 * 1024);
    expect(MAX_EVALUATION_INFLATED_BYTES).toBe(256 * 1024 * 1024);
    expect(new InflateBudget().limit).toBe(MAX_EVALUATION_INFLATED_BYTES);
  });

  it('charges the bytes it inflates to the evaluation budget, and stops the artifact that would pass it', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({ name: `r${i}.json`, data: `{"kind":"a11y","n":${i},"pad":"${'x'.repeat(980)}"}` }));
    const [first, second] = [await makeZip(entries.slice(0, 3)), await makeZip(entries.slice(3))];
    const each = Buffer.byteLength(entries[0]!.data);
    expect(each).toBe(1010);
    const budget = new InflateBudget(4 * each + 10);
    const a = await extractEvidenceZip(first, 'maestro-evidence-a', undefined, budget);
    expect(a).toEqual({ files: expect.any(Array), problems: [] });
    expect(a.files).toHaveLength(3);
    expect(budget.used).toBe(3 * each);
    const b = await extractEvidenceZip(second, 'maestro-evidence-b', undefined, budget);
    expect(b.files.map((f) => f.path)).toEqual(['maestro-evidence-b/r3.json']);
    expect(b.problems).toEqual([expect.objectContaining({ code: 'ZIP_LIMIT', ref: expect.objectContaining({ path: 'maestro-evidence-b' }) })]);
    expect(b.problems[0]!.issues[0]!.message).toBe(
      `the evidence artifacts of this evaluation inflate past 4 KiB in all: inflation stopped at r4.json, and 2 JSON entries were not read; upload only the JSON reports in evidence artifacts, with actions/upload-artifact, in fewer and smaller artifacts`,
    );
    expect(budget.used).toBe(4 * each);
  });

  it('stops an artifact at its own limit of inflated bytes, naming it', async () => {
    const zip = await makeZip(Array.from({ length: 5 }, (_, i) => ({ name: `r${i}.json`, data: Buffer.alloc(1000, 'x') })));
    const result = await extractEvidenceZip(zip, 'maestro-evidence-big', { maxEntries: 10, maxEntryBytes: 2000, maxTotalBytes: 2500, maxRatio: 200 });
    expect(result.files).toHaveLength(2);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'ZIP_LIMIT', ref: expect.objectContaining({ path: 'maestro-evidence-big' }) })]);
    expect(result.problems[0]!.issues[0]!.message).toMatch(/^the artifact inflates past its limit of 2\.4 KiB: inflation stopped at r2\.json, and 3 JSON entries were not read; upload only the JSON reports/);
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
