/**
 * Bundles every action (entry actions/<name>/main.ts) in one esbuild run into actions/dist/, which is
 * committed: a workflow runs an action from the repository without installing anything. One build with
 * shared chunks: actions/dist/<name>.js is the small entry of each action, and the code two actions
 * share (the evidence schemas, @actions/*, yaml, ajv, sigstore) is written once under actions/dist/chunks/.
 * Each entry reads its inputs before it imports the rest (`await import('./run.js')`), so a run with bad
 * inputs loads almost nothing. CI rebuilds and fails when the committed actions/dist/ differs.
 * Run `npm run generate` first (`npm run build` does both).
 */
import { build, type Metafile } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const out = join(root, 'actions/dist');
const names = readdirSync(join(root, 'actions')).filter((name) => existsSync(join(root, 'actions', name, 'main.ts'))).sort();

rmSync(out, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(names.map((name) => [name, `actions/${name}/main.ts`])),
  outdir: 'actions/dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Node 20.10+ reads `import ... with { type: 'json' }`; keep the attribute where a dependency uses it.
  supported: { 'import-attributes': true },
  // Prefer ES module builds: they tree-shake, and some UMD builds load their parts in ways a bundler cannot follow.
  mainFields: ['module', 'main'],
  // Whitespace and syntax only: names stay, so a stack trace from a run still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // Bundled CommonJS dependencies call require() and read __dirname: every output file gets a require, and free
  // __dirname / __filename become the ES module's own (bound ones, declared by a dependency, stay as they are).
  banner: { js: "import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);" },
  define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
  // playwright-core reads its own package files at run time and axe-core's source is injected into pages as
  // published: the a11y action installs both beside actions/dist/ when it scans pages.
  external: ['playwright-core', 'axe-core'],
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
writeFileSync(join(out, 'licenses.txt'), licensesOf(result.metafile));

const outputs = Object.entries(result.metafile.outputs);
const total = outputs.reduce((n, [, o]) => n + o.bytes, 0);
console.log(`built actions/dist: ${names.length} entries (${names.map((n) => `${n} ${(result.metafile.outputs[`actions/dist/${n}.js`]!.bytes / 1024).toFixed(0)} KiB`).join(', ')}), ${outputs.length - names.length} shared chunks, ${(total / 1024 / 1024).toFixed(1)} MiB in all`);

/** The licence of every package bundled, as the packages ship them, in a stable order. */
function licensesOf(metafile: Metafile): string {
  const packages = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const parts = input.slice(at + 'node_modules/'.length).split('/');
    const dir = join(root, input.slice(0, at), 'node_modules', ...parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1));
    packages.set(dir, dir);
  }
  const sections: string[] = [];
  for (const dir of [...packages.keys()].sort((a, b) => relative(root, a).localeCompare(relative(root, b)))) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    sections.push(`${manifest.name}@${manifest.version}\n${manifest.license ?? 'license not stated'}\n${file ? readFileSync(join(dir, file), 'utf8').trim() : "(the package ships no licence file)"}\n`);
  }
  return sections.join('\n');
}
