// Lint rules, and the rules that keep the layout (README, "Architecture"):
//   core/      pure: takes data, returns decisions; imports only core/
//   flows/     use cases over the ports of core/ports/; imports core/ and flows/, no SDK, no node I/O
//   adapters/  the only home of real I/O (fs, S3, Sigstore, GitHub, Redis, HTTP, the browser, git);
//              imports core/ and adapters/
//   app/ actions/ cli/   entry points: wire adapters into flows and publish; actions/ and cli/ never import app/
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** Modules that perform I/O, or clients of services: forbidden in core/ and flows/. */
export const ioModules = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'os', 'node:os',
  'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'http2', 'node:http2',
  'child_process', 'node:child_process', 'dgram', 'node:dgram', 'tls', 'node:tls',
  'undici', 'node-fetch', 'probot', 'octokit', 'ioredis', 'bullmq', 'playwright-core', 'yauzl', 'prom-client', 'smee-client', 'pino',
];
export const ioPatterns = ['@octokit/*', '@aws-sdk/*', '@actions/*', '@probot/*', '@sigstore/*'];

/** The layers, each a folder; a layer imports only the layers it lists. */
const LAYERS = ['core', 'flows', 'adapters', 'app', 'actions', 'cli'];
const ALLOWED = {
  core: ['core'],
  flows: ['core', 'flows'],
  adapters: ['core', 'adapters'],
  app: ['core', 'flows', 'adapters', 'app'],
  actions: ['core', 'flows', 'adapters', 'actions'],
  cli: ['core', 'flows', 'adapters', 'cli'],
};
const WHY = {
  core: 'core/ is pure and stands at the bottom: it imports no flow, adapter or entry point; take what you need as data or through a port of core/ports/.',
  flows: 'flows/ work over ports: take the adapter as an argument (a port of core/ports/) and let the entry point pass it.',
  adapters: 'adapters/ implement ports: they call no flow and no entry point.',
  app: 'app/ is an entry point: it does not import another entry point.',
  actions: 'actions/ never import the App (app/) or the CLI (cli/): shared code belongs in flows/ or adapters/.',
  cli: 'cli/ never imports the App (app/) or the actions: shared code belongs in flows/ or adapters/.',
};

/** `import-x/no-restricted-paths` zones: for each layer, every other top folder it may not import from. */
const zones = LAYERS.flatMap((layer) => [...LAYERS.filter((l) => !ALLOWED[layer].includes(l)), 'scripts', 'bench', 'test'].map((from) => ({ target: `./${layer}`, from: `./${from}`, message: WHY[layer] })));

const pureRules = (what) => ({
  'no-restricted-imports': ['error', {
    paths: ioModules.map((name) => ({ name, message: `${what} does no I/O: real I/O lives in adapters/, passed in through a port of core/ports/.` })),
    patterns: [{ group: ioPatterns, message: `${what} does no I/O: GitHub, AWS, Sigstore and Actions clients live in adapters/.` }],
  }],
  'no-restricted-globals': ['error', { name: 'fetch', message: `${what} does no I/O: no network access.` }, { name: 'process', message: `${what} takes environment values as arguments.` }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'actions/dist/', 'core/generated/', 'coverage/', 'bench/out/', '.ci/.cache/', '.services/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The layers and their imports; no import cycles anywhere in the source.
    files: ['{core,flows,adapters,app,actions,cli,scripts,bench}/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Small files named after what they export: split past 300 lines of code.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ['core/**/*.ts'], rules: pureRules('core/') },
  { files: ['flows/**/*.ts'], rules: pureRules('flows/') },
  {
    // Tests poke at webhook payloads and request bodies of any shape.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }] },
  },
  {
    // No test decides by today's date: CI once went red when an example waiver ran out.
    files: ['test/**/*.ts'],
    ignores: ['test/helpers/clock.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...[
        "NewExpression[callee.name='Date'][arguments.length=0]",
        "CallExpression[callee.name='Date']",
        "MemberExpression[object.name='Date'][property.name='now']",
      ].map((selector) => ({ selector, message: 'Tests do not read the wall clock: pass the time in (--now, the now input, a now option) with TEST_NOW or fixedClock() from test/helpers/clock.ts; wallClock() there is only for services that keep real time (Object Lock retention, certificate validity) and for deadlines.' }))],
    },
  },
  {
    // The bin is CommonJS, as the bundles it loads.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
