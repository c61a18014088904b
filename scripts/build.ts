/**
 * Bundles the `maestro` CLI into dist/cli/ with esbuild: ES modules with code splitting, so each
 * command's code (and heavy dependencies such as the schema compiler) loads only when used.
 * Run `npm run generate` first (`npm run build` does both).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
rmSync(resolve(root, 'dist/cli'), { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer ES module builds: some packages' UMD builds load their parts with require() calls a bundler cannot follow.
  mainFields: ['module', 'main'],
  target: 'node20',
  minifySyntax: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __maestroRequire } from 'node:module'; const require = __maestroRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const total = outputs.reduce((sum, [, out]) => sum + out.bytes, 0);
console.log(`built dist/cli: ${outputs.length} files, ${(total / 1024).toFixed(0)} KiB`);
