/**
 * Bundles the `maestro` CLI into dist/cli/ with esbuild. main.js parses the command line and loads
 * one self-contained bundle per command (dist/cli/commands/), so a run loads two files; the schema
 * compiler and the catalog loader, needed only for a catalog given with --catalog, and the validator of each evidence kind
 * (dist/cli/validators/) are loaded on demand.
 * Run `npm run generate` first (`npm run build` does both).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAppStarts } from './check-app-starts.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
rmSync(resolve(root, 'dist/cli'), { recursive: true, force: true });

/**
 * Every command module the command specs load (`import('../commands/<name>.js')`), read from the
 * specs themselves: a command added there is bundled without a list to keep in step here.
 */
const specDir = resolve(root, 'cli/command-specs');
const commandModules = [...new Set([resolve(root, 'cli/command-spec.ts'), ...readdirSync(specDir).filter((f) => f.endsWith('.ts')).map((f) => resolve(specDir, f))]
  .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/import\('\.\.?\/commands\/([a-z0-9-]+)\.js'\)/g)].map((m) => m[1]!)))].sort();
/** Built on their own (large, or with their own settings): see below. */
const separately = new Set(['drift', 'scoreboard', 'ledger', 'init']);

/** Keeps the lazily loaded modules out of the bundles that import them, pointing at their own files. */
const lazyModules: Plugin = {
  name: 'lazy-modules',
  setup(b) {
    // Each command's module, loaded by the command table (cli/command-specs/) when it runs: its own bundle beside main.js.
    b.onResolve({ filter: /^\.\.\/commands\/[a-z0-9-]+\.js$/ }, (args) => (args.importer.includes('/cli/command-specs/') ? { path: args.path.replace('../commands/', './commands/'), external: true } : undefined));
    // yaml's "node" export is CommonJS; its "default" export is the same parser as ES modules, which
    // the bundler can scope-hoist and tree-shake (a start runs its module bodies otherwise).
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve(root, 'node_modules/yaml/browser/index.js') }));
    // One validator module per evidence kind, loaded when a report of that kind is read.
    b.onResolve({ filter: /^\.\/evidence\/[a-z0-9-]+\.js$/ }, (args) => (args.importer.endsWith('evidence-loaders.js') ? { path: args.path.replace('./evidence/', '../validators/'), external: true } : undefined));
    b.onResolve({ filter: /^\.\/compile-assertions\.js$/ }, (args) => (args.importer.endsWith('prepare-assertions.ts') ? { path: '../lib/compile-assertions.js', external: true } : undefined));
    b.onResolve({ filter: /read-catalog-dir\.js$/ }, (args) => (args.importer.endsWith('load-catalog.ts') ? { path: '../lib/read-catalog-dir.js', external: true } : undefined));
  },
};

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  // CommonJS: a start then needs no ES module loader, and Node 20 can be given a code cache
  // (cli/compile-cache.ts). dist/cli/package.json says so to Node; import() becomes require().
  format: 'cjs',
  supported: { 'dynamic-import': false },
  platform: 'node',
  // Prefer ES module builds: some packages' UMD builds load their parts with require() calls a bundler cannot follow.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  plugins: [lazyModules],
  // playwright-core reads its own package files (browsers.json, its injected scripts) at run time, and axe-core's
  // source is injected into pages as its package has it: both loaded from node_modules.
  external: ['playwright-core', 'axe-core'],
  metafile: true,
  logLevel: 'warning',
};

const results = await Promise.all([
  build({ ...common, entryPoints: { main: 'cli/main.ts' }, outdir: 'dist/cli' }),
  build({ ...common, entryPoints: Object.fromEntries(commandModules.filter((name) => !separately.has(name)).map((name) => [name, `cli/commands/${name}.ts`])), outdir: 'dist/cli/commands' }),
  build({ ...common, entryPoints: { 'compile-assertions': 'core/engine/compile-assertions.ts', 'read-catalog-dir': 'adapters/fs/read-catalog-dir.ts' }, outdir: 'dist/cli/lib' }),
  build({
    ...common,
    entryPoints: Object.fromEntries(readdirSync(resolve(root, 'core/generated/evidence')).filter((f) => f.endsWith('.js')).map((f) => [f.slice(0, -3), `core/generated/evidence/${f}`])),
    outdir: 'dist/cli/validators',
  }),
]);
results.push(await build({ ...common, entryPoints: { drift: 'cli/commands/drift.ts', scoreboard: 'cli/commands/scoreboard.ts' }, outdir: 'dist/cli/commands' }));
results.push(await build({ ...common, entryPoints: { ledger: 'cli/commands/ledger.ts' }, outdir: 'dist/cli/commands' }));
// init reads the templates shipped in the package, found from the bundle's own location: import.meta.url,
// which esbuild leaves empty in CommonJS, becomes the bundle file's URL (scripts/cjs-import-meta-url.ts).
results.push(await build({ ...common, entryPoints: { init: 'cli/commands/init.ts' }, outdir: 'dist/cli/commands', define: { 'import.meta.url': 'importMetaUrl' }, inject: ['scripts/cjs-import-meta-url.ts'] }));
// `--cli-only` (npm run example) builds the CLI alone: the app bundle and its start check are skipped.
const cliOnly = process.argv.includes('--cli-only');
// The app runs as a server: one ES module bundle of our code, its dependencies loaded from node_modules.
// Node 20.10+ reads `import ... with { type: 'json' }`; esbuild drops the attribute for target node20 unless told.
if (!cliOnly) rmSync(resolve(root, 'dist/app'), { recursive: true, force: true });
if (!cliOnly) results.push(await build({ absWorkingDir: root, entryPoints: { main: 'app/main.ts', register: 'app/register.ts' }, outdir: 'dist/app', bundle: true, format: 'esm', platform: 'node', target: 'node20', supported: { 'import-attributes': true }, packages: 'external', metafile: true, logLevel: 'warning', sourcemap: 'linked' }));
writeFileSync(resolve(root, 'dist/cli/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
// A command the specs load but no bundle holds would fail only when a user runs it: fail the build instead.
const unbuilt = commandModules.filter((name) => !existsSync(resolve(root, `dist/cli/commands/${name}.js`)));
if (unbuilt.length > 0) throw new Error(`the command specs load ${unbuilt.map((n) => `commands/${n}.js`).join(', ')}, which the build did not produce: add them to scripts/build.ts`);
const outputs = results.flatMap((r) => Object.entries(r.metafile!.outputs)).filter(([file]) => file.endsWith('.js'));
console.log(`built dist/cli${cliOnly ? '' : ' and dist/app'}: ${outputs.map(([file, out]) => `${file.replace('dist/', '')} ${(out.bytes / 1024).toFixed(0)} KiB`).join(', ')}`);
// What ships must start: the app bundle is started as `npm start` starts it, and must serve /healthz.
if (!cliOnly) {
  const started = await checkAppStarts();
  console.log(`dist/app/main.js started and served /healthz in ${started.ms} ms`);
}
