// Lint rules. The one that matters most: core/ stays pure. Only core/io/ may touch the file system,
// the network, GitHub, S3 or the Actions runtime; everything else in core/ takes data and returns data.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that perform I/O; forbidden in core/ outside core/io/. */
export const ioModules = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises',
  'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'http2', 'node:http2',
  'child_process', 'node:child_process', 'dgram', 'node:dgram', 'tls', 'node:tls',
  'undici', 'node-fetch', 'probot', 'octokit',
];
export const ioPatterns = ['@octokit/*', '@aws-sdk/*', '@actions/*', '@probot/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'actions/*/dist/', 'core/generated/', 'coverage/', 'bench/out/'] },
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
    // Tests poke at webhook payloads and request bodies of any shape.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
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
  {
    files: ['core/**/*.ts'],
    ignores: ['core/io/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.map((name) => ({ name, message: 'core/ is pure: do I/O in core/io/ adapters or in app/, actions/, cli/.' })),
        patterns: [{ group: ioPatterns, message: 'core/ is pure: GitHub, AWS and Actions clients belong in adapters (core/io/, app/, actions/).' }],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core/ is pure: no network access.' }, { name: 'process', message: 'core/ is pure: take environment values as arguments.' }],
    },
  },
);
