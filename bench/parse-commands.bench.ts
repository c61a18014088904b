/**
 * Slash-command parsing time on hostile comments of GitHub's maximum size (65,536 characters):
 * `node --expose-gc --import tsx bench/parse-commands.bench.ts [runs]` (or `npx tsx ...`, without the
 * collections). Each input is parsed `runs` times (default 500) after 50 warm-up runs, in one
 * process, inputs interleaved round by round so load changes hit them alike; with `--expose-gc` a
 * full collection runs (untimed) before each timed parse, so no parse pays for another's garbage.
 * Median, p90 and max wall time per input, and the process CPU time (user + system, all threads)
 * of the same runs: on a shared machine a run descheduled midway shows in the wall max only. Also the epic side of `/create-task`: the work orders
 * of the real GA-gaps plan, and `planTasks(all)` on a 65 KB epic of 50 work orders.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseCommands } from '../core/commands/parse-commands.js';
import { parseWorkOrders } from '../core/commands/parse-work-orders.js';
import { planTasks } from '../core/commands/plan-tasks.js';
import { craftedComment } from '../test/helpers/crafted-comment.js';
import { seedsDir } from '../test/helpers/realworld.js';
import { OUT_DIR, machine, stats, type Stats } from './lib.js';

const runs = Number(process.argv[2] ?? 500);
const MAX = 65_536;
const fill = (unit: string, tail = '') => unit.repeat(Math.floor((MAX - tail.length) / unit.length)) + tail;

const crafted = craftedComment();
const gaPlan = readFileSync(seedsDir(readdirSync(seedsDir()).find((f) => f.startsWith('000_'))!), 'utf8');
const bigEpic = Array.from({ length: 50 }, (_, i) => `### ${i + 1}) Work order ${i + 1} — **P${i % 3} / High** — **Owner:** Team ${i}\n\n${'Do the thing; accept; evidence. '.repeat(36)}\n`).join('\n');

const inputs: Array<{ name: string; text: string; run: (text: string) => number }> = [
  { name: 'crafted comment (the test fixture: fences, quotes, 3,315 `/` lines, huge reasons, Unicode, CRLF)', text: crafted.body, run: (t) => parseCommands(t).length },
  { name: '16,384 lines `/a/` (paths, none a command)', text: fill('/a/\n'), run: (t) => parseCommands(t).length },
  { name: 'one line: 65 K spaces, then `/help`', text: fill(' ', '\n/help'), run: (t) => parseCommands(t).length },
  { name: 'one command line of 65 K quotes `/label "\'"\'…`', text: `/label ${fill('"\'', '').slice(8)}`, run: (t) => parseCommands(t).length },
  { name: '10 command lines of 4,000 escaped quotes `/label "\\"\'“…` (tokenized), after 25 K of `/v1/n` lines', text: `${'/v1/n\n'.repeat(Math.floor((MAX - 10 * 4001) / 6))}${`/label "${'\\"\'\u201C'.repeat(998)}\n`.repeat(10)}`, run: (t) => parseCommands(t).length },
  { name: '21,845 lines of three backticks (fence open/close)', text: fill('```\n'), run: (t) => parseCommands(t).length },
  { name: '`<!--` then 65 K of `/waive` lines in the comment', text: `<!--\n${fill('/waive GA-1 until 2026-01-01 reason: x\n').slice(5)}`, run: (t) => parseCommands(t).length },
  { name: '13,107 lines `> /x` (quotes)', text: fill('> /x\n'), run: (t) => parseCommands(t).length },
  { name: 'work orders of the GA-gaps plan (14 KB, 30 work orders)', text: gaPlan, run: (t) => parseWorkOrders(t).length },
  { name: `planTasks all on a ${(bigEpic.length / 1024).toFixed(0)} KB epic of 50 work orders`, text: bigEpic, run: (t) => { const p = planTasks({ epic: { number: 1, title: 'Epic', url: 'https://github.com/acme/platform/issues/1', body: t }, target: 'all', children: [] }); return p.ok ? p.plan.create.length : -1; } },
];

const collect = (globalThis as { gc?: () => void }).gc;
const times = inputs.map(() => [] as number[]);
const cpuTimes = inputs.map(() => [] as number[]);
const results = inputs.map((input) => input.run(input.text));
for (let round = 0; round < runs + 50; round++) {
  inputs.forEach((input, i) => {
    collect?.();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const n = input.run(input.text);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    if (n !== results[i]) throw new Error(`${input.name}: result changed between runs`);
    if (round >= 50) {
      times[i]!.push(ms);
      cpuTimes[i]!.push((cpu.user + cpu.system) / 1000);
    }
  });
}

const info = machine();
const table = inputs.map((input, i) => ({ name: input.name, chars: input.text.length, result: results[i]!, wall: stats(times[i]!), cpu: stats(cpuTimes[i]!) }));
const row = (r: { name: string; chars: number; result: number; wall: Stats; cpu: Stats }) =>
  `| ${r.name} | ${r.chars.toLocaleString('en-US')} | ${r.result} | ${r.wall.median.toFixed(2)} ms | ${r.wall.p90.toFixed(2)} ms | ${r.wall.max.toFixed(2)} ms | ${r.cpu.median.toFixed(2)} ms | ${r.cpu.max.toFixed(2)} ms |`;
const lines = [
  `${new Date().toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${runs} runs per input after 50 warm-up runs${collect ? ', full GC before each run' : ''} · load average ${loadavg().map((l) => l.toFixed(1)).join(', ')}`,
  '',
  '| input | characters | result | wall median | wall p90 | wall max | CPU median | CPU max |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...table.map(row),
];
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'parse-commands-results.json'), `${JSON.stringify({ machine: info, runs, table }, null, 2)}\n`);
console.log(lines.join('\n'));
