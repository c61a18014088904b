/**
 * `npm run bench`: builds if needed, regenerates the evidence set, runs the gate engine and CLI
 * start benchmarks, and prints a Markdown summary (also saved with the raw numbers under bench/out/).
 *
 *   npm run bench                  # generate + evaluate.bench + cli-start.bench
 *   npm run bench -- --build       # npm run build first, even if dist/ exists
 *   npm run bench -- --profile     # also CPU-profile the gate (warm and cold) and print the hot spots
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCliStart, runCliStartBench } from './cli-start.bench.js';
import { formatEvaluate, runEvaluateBench } from './evaluate.bench.js';
import { generateEvidence } from './generate-evidence.js';
import { OUT_DIR, ensureBuilt, machine, mb, startCostVariablesSet } from './lib.js';

ensureBuilt();
const started = new Date();
const set = await generateEvidence();
const evaluate = await runEvaluateBench();
const cli = runCliStartBench();
const info = machine();

const sections = [
  '# Maestro benchmarks',
  '',
  `${started.toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${info.platform}${startCostVariablesSet().length ? ` · child processes run without ${startCostVariablesSet().map((v) => v.split('=')[0]).join(', ')}` : ''}`,
  '',
  '## Gate engine',
  '',
  `Generated set: ${set.files} files, ${mb(set.bytes)}, all schema-valid; PR labels make ${set.controlsApplicable}/30 controls apply and ${set.controlsWithEvidence} find evidence for every requirement (results: ${Object.entries(set.results).filter(([, n]) => n > 0).map(([r, n]) => `${n} ${r}`).join(', ')}).`,
  '',
  formatEvaluate(evaluate),
  '',
  '## CLI start',
  '',
  formatCliStart(cli),
];

if (process.argv.includes('--profile')) {
  const { runProfile, runColdProfile, formatProfile } = await import('./profile.js');
  const warm = await runProfile(30);
  const cold = runColdProfile();
  sections.push('', '## Profiles', '', formatProfile(warm.baseline), '', formatProfile(warm.gate), '', 'Inclusive time per iteration of (b):', '');
  for (const [k, v] of Object.entries(warm.gateInclusive)) sections.push(`- ${k}: ${(v / warm.gate.iterations).toFixed(2)} ms (${((v / warm.gate.totalMs) * 100).toFixed(1)}%)`);
  sections.push('', formatProfile(warm.evaluate), '', '| category (one cold process, sampled) | gate child | baseline child |', '| - | - | - |');
  for (const name of Object.keys(cold.gate)) sections.push(`| ${name} | ${cold.gate[name]!.toFixed(1)} ms | ${cold.baseline[name]!.toFixed(1)} ms |`);
}

const markdown = `${sections.join('\n')}\n`;
writeFileSync(join(OUT_DIR, 'results.md'), markdown);
writeFileSync(join(OUT_DIR, 'results.json'), `${JSON.stringify({ startedAt: started.toISOString(), machine: info, set, evaluate, cli }, null, 2)}\n`);
console.log(markdown);
