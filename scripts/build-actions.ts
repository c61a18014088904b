/**
 * Bundles each action under actions/<name>/ (entry main.ts) with ncc into actions/<name>/dist/,
 * which is committed: a workflow runs the action from the repository without installing anything.
 * CI rebuilds and fails when the committed dist/ differs. Run `npm run generate` first.
 * `tsx scripts/build-actions.ts <name>...` rebuilds only the actions named.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const only = process.argv.slice(2);
for (const name of readdirSync(join(root, 'actions')).sort()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const entry = join(root, 'actions', name, 'main.ts');
  if (!existsSync(entry)) continue;
  const out = join(root, 'actions', name, 'dist');
  rmSync(out, { recursive: true, force: true });
  // playwright-core reads its own package files at run time and axe-core's source is injected into pages as published:
  // the a11y action installs both next to its dist when it scans pages.
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--target', 'es2022', '--license', 'licenses.txt', '--quiet', '-e', 'playwright-core', '-e', 'axe-core'], { cwd: root, stdio: 'inherit' });
  console.log(`built actions/${name}/dist: ${readdirSync(out).length} files`);
}
