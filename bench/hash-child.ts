/**
 * Child process of bench/hash.bench.ts, bundled with esbuild first so the numbers are not a
 * TypeScript loader's. Prints time, bytes, digests and peak RSS as JSON.
 *   hash <dir>:                 hashes every file with the bundle builder's own code (collectArtifacts + hashFile);
 *   copy-then-hash <dir> <out>: the builder before one-pass copying: fs.copyFile into <out>, then hashFile of the copy;
 *   copy <dir> <out>:           the bundle builder's copier (adapters/fs/copy-hashed.ts) with cloning off: one-pass copies into <out>.
 */
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { collectArtifacts } from '../adapters/fs/collect-artifacts.js';
import { startCopier } from '../adapters/fs/copy-hashed.js';
import { hashBuffers, hashFile } from '../adapters/fs/hash-file.js';

async function run(mode: string, dir: string, out: string | undefined): Promise<void> {
  const start = process.hrtime.bigint();
  const files = await collectArtifacts(dir);
  if (mode === 'copy') {
    const copier = startCopier({ clone: false });
    const copies = await Promise.all(files.map(async (file) => {
      await mkdir(dirname(join(out!, file.path)), { recursive: true });
      return copier.copy(file.source, join(out!, file.path), file.path);
    }));
    await copier.close();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const digests = Object.fromEntries(files.map((file, i) => [file.path, copies[i]!.sha256]));
    process.stdout.write(JSON.stringify({ ms, bytes: copies.reduce((n, c) => n + c.size, 0), files: files.length, maxRssKiB: process.resourceUsage().maxRSS, digests }));
    return;
  }
  const buffers = hashBuffers();
  const digests: Record<string, string> = {};
  let bytes = 0;
  for (const file of files) {
    let path = file.source;
    if (mode === 'copy-then-hash') {
      path = join(out!, file.path);
      await mkdir(dirname(path), { recursive: true });
      await copyFile(file.source, path, constants.COPYFILE_EXCL);
    }
    const { sha256, size } = await hashFile(path, buffers);
    if (mode === 'copy-then-hash') await chmod(path, 0o444);
    digests[file.path] = sha256;
    bytes += size;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, bytes, files: files.length, maxRssKiB: process.resourceUsage().maxRSS, digests }));
}

void run(process.argv[2]!, process.argv[3]!, process.argv[4]);
