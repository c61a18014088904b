/**
 * Child process of bench/hash.bench.ts: hashes every file of a folder with the bundle builder's own
 * code (collectArtifacts + hashFile, two reused 1 MiB buffers) and prints time, bytes, digests and
 * peak RSS as JSON. Bundled with esbuild first, so the numbers are not a TypeScript loader's.
 */
import { collectArtifacts } from '../adapters/fs/collect-artifacts.js';
import { hashBuffers, hashFile } from '../adapters/fs/hash-file.js';

const dir = process.argv[2]!;
const start = process.hrtime.bigint();
const files = await collectArtifacts(dir);
const buffers = hashBuffers();
const digests: Record<string, string> = {};
let bytes = 0;
for (const file of files) {
  const { sha256, size } = await hashFile(file.source, buffers);
  digests[file.path] = sha256;
  bytes += size;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, bytes, files: files.length, maxRssKiB: process.resourceUsage().maxRSS, digests }));
