/**
 * Child process of bench/hash.bench.ts, bundled with esbuild first so the numbers are not a
 * TypeScript loader's. Prints time, bytes, digests and peak RSS as JSON.
 *   hash <dir>:                 hashes every file with the bundle builder's own code (collectArtifacts + hashFile);
 *   copy-then-hash <dir> <out>: the builder before one-pass copying: fs.copyFile into <out>, then hashFile of the copy.
 */
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { collectArtifacts } from '../adapters/fs/collect-artifacts.js';
import { hashBuffers, hashFile } from '../adapters/fs/hash-file.js';

async function run(mode: string, dir: string, out: string | undefined): Promise<void> {
  const start = process.hrtime.bigint();
  const files = await collectArtifacts(dir);
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
