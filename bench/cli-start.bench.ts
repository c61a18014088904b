/**
 * Whole-process timing of the CLI: `node -e 0` (the floor: node's own start), `maestro gate` on
 * examples/pr-passing (the command of examples/run.sh) with its compile cache warm (as every run
 * but the first) and turned off (as a first run), and `maestro --version`. They are
 * interleaved in the same run, with the order rotated every round, WARMUP rounds untimed, then
 * RUNS timed rounds; each run is a spawnSync of process.execPath, timed from spawn to exit.
 * Children run without NODE_OPTIONS and NODE_EXTRA_CA_CERTS (see lib.ts); when the environment
 * sets either, the three commands are also timed with it, interleaved with the others.
 *
 *   npx tsx bench/cli-start.bench.ts [--build]
 */
import { spawnSync } from 'node:child_process';
import { type Stats, ROOT, cleanEnv, ensureBuilt, isMain, ms, since, startCostVariablesSet, stats } from './lib.js';

export const WARMUP = 5;
export const RUNS = 30;
const TARGET_RATIO = 3;

const PASSING = 'examples/pr-passing';
const GATE_ARGS = [
  'bin/maestro.cjs', 'gate', '--event', `${PASSING}/event.json`, '--evidence', `${PASSING}/evidence`, '--changed-files', `${PASSING}/changed-files.txt`,
  '--config', 'examples/maestro.yml', '--links', `${PASSING}/links.json`, '--now', '2026-11-20T12:00:00Z',
];
export const COMMANDS: Record<string, { args: string[]; expectStatus: number; env?: Record<string, string> }> = {
  'node -e 0': { args: ['-e', '0'], expectStatus: 0 },
  'maestro gate (examples/pr-passing)': { args: GATE_ARGS, expectStatus: 0 },
  // The first run on a machine (or after an upgrade) compiles everything and writes the cache.
  'maestro gate, compile cache off': { args: GATE_ARGS, expectStatus: 0, env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  'maestro --version': { args: ['bin/maestro.cjs', '--version'], expectStatus: 0 },
};

export interface CliStartResult {
  warmup: number;
  runs: number;
  commands: Record<string, Stats>;
  /** The same commands with the inherited environment, when it sets start-cost variables. */
  inherited?: { variables: string[]; commands: Record<string, Stats>; ratio: number };
  /** gate median / node median. */
  ratio: number;
  ratioP90: number;
  versionRatio: number;
}

export function runCliStartBench(options: { log?: (line: string) => void } = {}): CliStartResult {
  const log = options.log ?? ((line: string) => console.error(line));
  ensureBuilt();
  const variables = startCostVariablesSet();
  const clean = cleanEnv();
  const runs = [
    ...Object.keys(COMMANDS).map((name) => ({ key: name, name, env: clean })),
    ...(variables.length > 0 ? Object.keys(COMMANDS).map((name) => ({ key: `inherited: ${name}`, name, env: process.env })) : []),
  ];
  const samples: Record<string, number[]> = Object.fromEntries(runs.map((r) => [r.key, []]));
  log(`bench: cli-start: ${runs.length} commands interleaved, ${WARMUP} warm-up + ${RUNS} timed rounds`);
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (let k = 0; k < runs.length; k++) {
      const { key, name, env } = runs[(round + k) % runs.length]!;
      const { args, expectStatus, env: extra } = COMMANDS[name]!;
      const start = process.hrtime.bigint();
      const run = spawnSync(process.execPath, args, { cwd: ROOT, env: extra ? { ...env, ...extra } : env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
      const elapsed = since(start);
      if (run.status !== expectStatus) throw new Error(`${name} exited ${run.status ?? run.signal}, expected ${expectStatus}: ${run.stderr.toString().slice(-1000)}`);
      if (round >= WARMUP) samples[key]!.push(elapsed);
    }
  }
  const names = Object.keys(COMMANDS);
  const commands = Object.fromEntries(names.map((n) => [n, stats(samples[n]!)]));
  let inherited: CliStartResult['inherited'];
  if (variables.length > 0) {
    const list = Object.fromEntries(names.map((n) => [n, stats(samples[`inherited: ${n}`]!)]));
    inherited = { variables, commands: list, ratio: list['maestro gate (examples/pr-passing)']!.median / list['node -e 0']!.median };
  }
  const node = commands['node -e 0']!;
  const gate = commands['maestro gate (examples/pr-passing)']!;
  const version = commands['maestro --version']!;
  return { warmup: WARMUP, runs: RUNS, commands, ...(inherited ? { inherited } : {}), ratio: gate.median / node.median, ratioP90: gate.p90 / node.p90, versionRatio: version.median / node.median };
}

export function formatCliStart(r: CliStartResult): string {
  const node = r.commands['node -e 0']!;
  return [
    `${r.warmup} warm-up + ${r.runs} timed rounds, the commands interleaved (order rotated each round); wall time from spawn to exit.`,
    '',
    '| command | median | p90 | min | median vs `node -e 0` |',
    '| - | - | - | - | - |',
    ...Object.entries(r.commands).map(([name, s]) => `| \`${name}\` | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} | ${(s.median / node.median).toFixed(2)}x |`),
    '',
    `Target: gate / node <= ${TARGET_RATIO}x: ${r.ratio.toFixed(2)}x at the median (${r.ratioP90.toFixed(2)}x at p90), ${r.ratio <= TARGET_RATIO ? 'met' : '**NOT met**'}. \`--version\` / node: ${r.versionRatio.toFixed(2)}x.`,
    ...(r.inherited
      ? [
          '',
          `With the inherited environment (${r.inherited.variables.join(', ')}), which adds the same fixed cost to every start and so flatters the ratio: ${Object.entries(r.inherited.commands).map(([n, s]) => `\`${n}\` ${ms(s.median)}`).join(', ')}; gate / node ${r.inherited.ratio.toFixed(2)}x.`,
        ]
      : []),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  console.log(formatCliStart(runCliStartBench()));
}
