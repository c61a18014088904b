#!/usr/bin/env node
// The `maestro` command. The code is the CommonJS bundle in dist/cli, built by `npm run build`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundleDir = join(__dirname, '..', 'dist', 'cli');
const entry = join(bundleDir, 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('error USAGE: maestro is not built yet\n  remedy: run `npm ci && npm run build` in the maestro-conductor folder.\n');
  process.exit(2);
}
const cli = require(entry);
// Compiled code is kept between runs (cli/compile-cache.ts).
cli.enableCompileCache(bundleDir);
void cli.main(process.argv.slice(2));
