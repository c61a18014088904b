/**
 * Writes the files derived from the code: docs/reference/cli.md (from cli/command-spec.ts),
 * docs/reference/controls.md (from controls/*.yml), docs/reference/config.md (from the config
 * schema) and templates/gate-notes.md (the failing example's comment).
 *
 *   npm run docs              rewrite them
 *   npm run docs -- --check   change nothing; exit 1 naming every stale file (CI runs this)
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderGeneratedPages, staleFiles } from './docs/generated-pages.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const check = process.argv.includes('--check');
const pages = await renderGeneratedPages(root);

if (check) {
  const stale = staleFiles(root, pages);
  if (stale.length > 0) {
    console.error(`stale generated docs: ${stale.join(', ')}\n  remedy: run npm run docs and commit the result.`);
    process.exit(1);
  }
  console.log(`generated docs up to date: ${pages.map((p) => p.path).join(', ')}`);
} else {
  for (const page of pages) {
    const path = join(root, page.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, page.content);
    renameSync(`${path}.tmp`, path);
  }
  console.log(`regenerated: ${pages.map((p) => p.path).join(', ')}`);
}
