#!/usr/bin/env node
// The `maestro` command. The code is the bundle in dist/cli, built by `npm run build`.
import { existsSync } from 'node:fs';
import module from 'node:module';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('error USAGE: maestro is not built yet\n  remedy: run `npm ci && npm run build` in the maestro-conductor folder.\n');
  process.exit(2);
}
// Node 22.1+ keeps compiled code between runs (in the OS temp folder); older Node has no such cache.
module.enableCompileCache?.();
await import(entry.href);
