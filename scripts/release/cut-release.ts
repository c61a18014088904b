import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { checkPins, type PinnedFile, type PinnedRepository } from '../../core/release/check-pins.js';
import { repin, type RepinChange } from '../../core/release/repin.js';
import { git, gitRepository } from './git-repository.js';
import { listPinnedFiles } from './pinned-files.js';

/** What `npm run release -- <version>` was asked to do. */
export interface ReleaseOptions {
  /** A folder inside the repository to release. */
  cwd: string;
  /** X.Y.Z, with or without a leading v. */
  version: string;
  /** Print what would change and change nothing. */
  dryRun: boolean;
  /** Do not run `npm run build` (tests, and releases that only re-pin: the committed actions/dist must already be current). */
  skipBuild: boolean;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** The commits a release made. */
export interface ReleaseResult {
  version: string;
  /** The commit whose actions the reusable workflows of the release call: "Build vX.Y.Z", or HEAD when the build changed nothing. */
  built: string;
  /** The tagged commit, "Release vX.Y.Z". */
  released: string;
  /** "Pin templates to vX.Y.Z", the new HEAD. */
  pinned: string;
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)$/;

/**
 * Cuts a release, in three commits, because a commit cannot name its own SHA:
 *  1. "Build vX.Y.Z": package.json's version and the rebuilt actions/dist (skipped when nothing changed);
 *  2. "Release vX.Y.Z", tagged vX.Y.Z: the reusable workflows call the actions of commit 1, which are
 *     the actions of this commit too (only workflow files and docs/reference/workflows.md changed);
 *  3. "Pin templates to vX.Y.Z": every pin in templates/, .github/workflows/ and the docs names the tag.
 * Refuses a dirty tree, an existing tag and a version below package.json's; checks every pin
 * resolves before each commit that writes pins.
 */
export function cutRelease(options: ReleaseOptions): ReleaseResult | undefined {
  const match = VERSION.exec(options.version.trim());
  if (!match) throw new MaestroError('USAGE', `version ${JSON.stringify(options.version)} is not X.Y.Z`, { remedy: 'run npm run release -- 1.4.0 (three numbers, an optional leading v).' });
  const version = `${match[1]}.${match[2]}.${match[3]}`;
  const tag = `v${version}`;
  const root = git(options.cwd, ['rev-parse', '--show-toplevel']);
  const run = (args: string[]) => git(root, args, options.env);

  // 1. Refuse what would make the release ambiguous.
  const dirty = run(['status', '--porcelain', '--untracked-files=normal']);
  if (dirty !== '') throw new MaestroError('USAGE', `the working tree has uncommitted changes:\n${dirty.split('\n').slice(0, 10).join('\n')}`, { remedy: 'commit or stash them first: a release is cut from a commit.' });
  if (run(['tag', '--list', tag]) !== '') throw new MaestroError('USAGE', `the tag ${tag} already exists (commit ${run(['rev-parse', `${tag}^{commit}`])})`, { remedy: 'release the next version; a published tag is never moved.' });
  const current = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (compareVersions(version, current) < 0) throw new MaestroError('USAGE', `${version} is below package.json's version ${current}`, { remedy: `release ${current} or a later version.` });

  if (options.dryRun) {
    dryRun(root, version, current, options);
    return undefined;
  }

  // 2. "Build vX.Y.Z": the version, the committed action bundles, and the generated pages (they link the version).
  npm(root, ['version', version, '--no-git-tag-version', '--allow-same-version'], options);
  if (!options.skipBuild) npm(root, ['run', 'build'], options);
  run(['add', '--', 'package.json', 'package-lock.json', 'actions/dist']);
  regenerateDocs(root, options);
  const stray = run(['status', '--porcelain', '--untracked-files=normal']).split('\n').filter((line) => line !== '' && !/^[MADR] /.test(line));
  if (stray.length > 0) throw new MaestroError('USAGE', `the build changed files it should not:\n${stray.slice(0, 10).join('\n')}`, { remedy: 'commit the fix that makes the build reproducible, undo the release attempt (git reset --hard HEAD), and run the release again.' });
  const changed = run(['diff', '--cached', '--name-only']) !== '';
  if (changed) run(['commit', '--quiet', '-m', `Build ${tag}`]);
  const built = run(['rev-parse', 'HEAD']);
  options.log(changed ? `${built.slice(0, 12)} Build ${tag}` : `${built.slice(0, 12)} already holds version ${version} and current action bundles: no build commit`);

  // 3. "Release vX.Y.Z": the reusable workflows call the actions just built; tagged.
  const workflows = rewrite(root, (path) => path.startsWith('.github/workflows/'), { sha: built, version }, options);
  regenerateDocs(root, options);
  run(['commit', '--quiet', '--allow-empty', '-m', `Release ${tag}`]);
  const released = run(['rev-parse', 'HEAD']);
  verify(root, workflows, { [tag]: released }, run);
  run(['tag', '-a', tag, '-m', `Maestro Conductor ${tag}`]);
  options.log(`${released.slice(0, 12)} Release ${tag} (tagged ${tag})`);

  // 4. "Pin templates to vX.Y.Z": every pin names the tagged commit.
  const pinned = rewrite(root, () => true, { sha: released, version }, options);
  regenerateDocs(root, options);
  verify(root, pinned, {}, run);
  run(['commit', '--quiet', '--allow-empty', '-m', `Pin templates to ${tag}`]);
  const head = run(['rev-parse', 'HEAD']);
  options.log(`${head.slice(0, 12)} Pin templates to ${tag}`);
  options.log(`Released ${tag}. Publish it with: git push origin HEAD ${tag}`);
  return { version, built, released, pinned: head };
}

/**
 * Renders the generated pages again (docs/reference/workflows.md shows the workflows' pinned
 * defaults) and stages those that changed, so every commit of a release passes the stale-docs check.
 */
function regenerateDocs(root: string, options: ReleaseOptions): void {
  for (const script of ['scripts/generate.ts', 'scripts/render-docs.ts']) {
    const done = spawnSync('npx', ['tsx', script], { cwd: root, env: options.env ?? process.env, encoding: 'utf8' });
    if (done.status !== 0) throw new MaestroError('USAGE', `npx tsx ${script} failed during the release:\n${(done.stderr || done.stdout).trim()}`, { remedy: 'fix it, undo this attempt (git tag -d the tag if made, git reset --hard to the commit before the release) and run the release again.' });
  }
  const changed = git(root, ['status', '--porcelain', '--', 'docs', 'templates/gate-notes.md'], options.env).split('\n').filter((line) => line !== '').map((line) => line.slice(3));
  for (const path of changed) {
    git(root, ['add', '--', path], options.env);
    options.log(`  regenerated ${path}`);
  }
}

/** Re-pins the files `which` selects, writes and stages those that changed, and returns every pinned file as it now reads. */
function rewrite(root: string, which: (path: string) => boolean, target: { sha: string; version: string }, options: ReleaseOptions): PinnedFile[] {
  const files = listPinnedFiles(root);
  for (const file of files.filter((f) => which(f.path))) {
    const result = repin(file.text, { ...target, templateVersion: file.path.startsWith('templates/') });
    if (result.changes.length === 0) continue;
    writeFileSync(join(root, file.path), result.text);
    file.text = result.text;
    git(root, ['add', '--', file.path], options.env);
    options.log(`  re-pinned ${file.path} (${result.changes.length} line${result.changes.length === 1 ? '' : 's'})`);
  }
  return files.filter((f) => which(f.path));
}

/** Refuses to commit pins that do not resolve; `tags` stands in for tags not created yet. */
function verify(root: string, files: PinnedFile[], tags: Record<string, string>, run: (args: string[]) => string): void {
  const real = gitRepository(root);
  const repo: PinnedRepository = { ...real, shallow: real.shallow, tagCommit: (tag) => (tag in tags ? tags[tag] : real.tagCommit(tag)) };
  const problems = checkPins(files, repo);
  if (problems.length > 0) {
    const head = run(['rev-parse', 'HEAD']);
    throw new MaestroError('USAGE', `pins that would not resolve:\n${problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`, { remedy: `fix them and cut the release again; to undo this attempt: git tag -d the tag if made, then git reset --hard to the commit before the release (HEAD is ${head.slice(0, 12)}).` });
  }
}

function dryRun(root: string, version: string, current: string, options: ReleaseOptions): void {
  const log = options.log;
  const tag = `v${version}`;
  log(`Dry run of the release ${tag}; nothing is changed.`);
  log(`1. package.json version ${current} -> ${version}${options.skipBuild ? '' : ', npm run build'}; commit "Build ${tag}" with actions/dist (skipped when nothing changed)`);
  const show = (changes: RepinChange[], path: string) => changes.forEach((c) => log(`     ${path}:${c.line}\n       - ${c.before.trim()}\n       + ${c.after.trim()}`));
  const files = listPinnedFiles(root);
  log(`2. commit "Release ${tag}", the reusable workflows calling the actions of commit 1; tag ${tag}`);
  for (const file of files.filter((f) => f.path.startsWith('.github/workflows/'))) show(repin(file.text, { sha: '<commit 1>', version }).changes, file.path);
  log(`3. commit "Pin templates to ${tag}", every pin naming the tagged commit`);
  for (const file of files) show(repin(file.text, { sha: `<commit of ${tag}>`, version, templateVersion: file.path.startsWith('templates/') }).changes, file.path);
}

function npm(root: string, args: string[], options: ReleaseOptions): void {
  options.log(`$ npm ${args.join(' ')}`);
  const result = spawnSync('npm', args, { cwd: root, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new MaestroError('USAGE', `npm ${args.join(' ')} failed (exit ${result.status ?? result.signal})`, { remedy: 'fix the build, undo the version change (git checkout -- package.json package-lock.json actions/dist), and run the release again.' });
}

/** -1, 0 or 1 as a is below, equal to or above b (X.Y.Z). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i]! !== pb[i]!) return pa[i]! < pb[i]! ? -1 : 1;
  return 0;
}
