#!/usr/bin/env node
// The `ig-verify` command: `maestro verify` under its own name. The code is the bundle in dist/cli.
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
cli.enableCompileCache(bundleDir);
void cli.main(['verify', ...process.argv.slice(2)]);
