/**
 * `npx tsx bench/action-start.bench.ts [--before <git ref>]`: the cold start of every action as committed
 * (a step with no inputs: load, read the inputs, fail with a usage error, checked in the output), side by
 * side in one run with a minimal ncc bundle of `@actions/core` + `@actions/github` that reads a required
 * input and fails the same way. With --before, the action bundles committed at that ref (one ncc build
 * per action, `actions/<name>/dist/index.js`) run in the same rounds. 2 warm-up and 20 timed rounds,
 * interleaved. Writes bench/out/action-start.md and .json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, machine, ms, OUT_DIR, ROOT, since, stats, type Stats } from './lib.js';

const WARMUP = 2;
const RUNS = 20;
const REFERENCE = 'minimal @actions/core + @actions/github bundle';
const before = process.argv.includes('--before') ? process.argv[process.argv.indexOf('--before') + 1] : undefined;
const ACTIONS = readdirSync(join(ROOT, 'actions')).filter((name) => existsSync(join(ROOT, 'actions', name, 'main.ts'))).sort();

function minimalBundle(): string {
  const dir = join(OUT_DIR, 'minimal-action');
  if (!existsSync(join(dir, 'dist/index.mjs'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.mjs'), "import * as core from '@actions/core';\nimport * as github from '@actions/github';\ntry { core.getInput('schema', { required: true }); core.info(github.context.repo.owner); } catch (e) { core.setFailed('error USAGE: ' + e.message); }\n");
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', join(dir, 'main.mjs'), '-o', join(dir, 'dist'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }
  return join(dir, 'dist/index.mjs');
}

/** The action bundles committed at a ref, extracted under bench/out/ so that they resolve the repository's node_modules as before. */
function bundlesAt(ref: string): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const dir = mkdtempSync(join(OUT_DIR, 'actions-before-'));
  const paths = ACTIONS.map((name) => `actions/${name}/dist`);
  execFileSync('sh', ['-c', `git archive ${ref} ${paths.join(' ')} package.json | tar -x -C ${dir}`], { cwd: ROOT });
  return dir;
}

function bytesOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else {
        files++;
        bytes += statSync(join(d, entry.name)).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

const outputFile = join(tmpdir(), 'maestro-bench-output');
const summaryFile = join(tmpdir(), 'maestro-bench-summary');
writeFileSync(outputFile, '');
writeFileSync(summaryFile, '');
// What a runner sets for every step; no INPUT_* variables.
const env = { ...cleanEnv(), GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a'.repeat(40), RUNNER_TEMP: tmpdir() };

const commands: Record<string, string> = { [REFERENCE]: minimalBundle() };
for (const name of ACTIONS) commands[`actions/${name}`] = join(ROOT, 'actions/dist', `${name}.js`);
const old = before ? bundlesAt(before) : undefined;
if (old) for (const name of ACTIONS) commands[`actions/${name} at ${before}`] = join(old, 'actions', name, 'dist/index.js');

const names = Object.keys(commands);
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length]!;
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [commands[name]!], { cwd: ROOT, env, encoding: 'utf8' });
    const elapsed = since(start);
    // Every step must really fail with a usage message: a crash or a missing file would fail faster.
    if (result.status !== 1 || !/^::error::error USAGE: /m.test(result.stdout)) throw new Error(`${name}: exit ${result.status}\n${result.stdout}${result.stderr}`);
    if (round >= WARMUP) samples[name]!.push(elapsed);
  }
}
const results: Record<string, Stats> = Object.fromEntries(names.map((n) => [n, stats(samples[n]!)]));
const reference = results[REFERENCE]!.median;
const size = { now: bytesOf(join(ROOT, 'actions/dist')), before: old ? bytesOf(join(old, 'actions')) : undefined };
if (old) rmSync(old, { recursive: true, force: true });

const info = machine();
const markdown = [
  '# Action start',
  '',
  `${new Date().toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · load ${readLoad()} · ${WARMUP} warm-up and ${RUNS} timed rounds, interleaved`,
  '',
  '| step with no inputs | median | p90 | min | vs minimal bundle |',
  '| - | - | - | - | - |',
  ...names.map((n) => `| ${n} | ${ms(results[n]!.median)} | ${ms(results[n]!.p90)} | ${ms(results[n]!.min)} | ${(results[n]!.median / reference).toFixed(2)}x |`),
  '',
  `Committed bundles: actions/dist/ ${size.now.files} files, ${(size.now.bytes / 1e6).toFixed(1)} MB${size.before ? `; at ${before}: ${size.before.files} files, ${(size.before.bytes / 1e6).toFixed(1)} MB` : ''}.`,
  '',
].join('\n');
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'action-start.md'), markdown);
writeFileSync(join(OUT_DIR, 'action-start.json'), `${JSON.stringify({ machine: info, before, results, size }, null, 2)}\n`);
console.log(markdown);

function readLoad(): string {
  return execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
}
