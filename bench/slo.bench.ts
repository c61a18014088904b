/**
 * SLO evaluation time for 50 SLOs against a real Prometheus (Debian's, started by
 * scripts/services/prometheus-start.sh with the tests' three days of synthetic history):
 * `npx tsx bench/slo.bench.ts [runs]`. Each run is a full `sloGateFromFiles`: parse the SLO file,
 * 5 windows x (good + total) = 10 queries per SLO (500 queries), evaluate, build the report.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fsInputFiles } from '../adapters/fs/read-input-file.js';
import { createPrometheusClient } from '../adapters/prometheus/prometheus-client.js';
import { sloGateFromFiles } from '../flows/slo-gate-from-files.js';
import { HISTORY_END, writeSloHistory } from '../test/helpers/slo-history.js';
import { OUT_DIR, ROOT } from './lib.js';

const runs = Number(process.argv[2] ?? 10);
const dir = join(ROOT, '.services');
mkdirSync(dir, { recursive: true });
mkdirSync(OUT_DIR, { recursive: true });
const history = join(dir, 'prometheus-slo-history.om');
writeSloHistory(history);
const out = execFileSync('flock', ['--close', join(dir, 'prometheus.lock'), 'bash', join(ROOT, 'scripts/services/prometheus-start.sh'), join(dir, 'prometheus')], { encoding: 'utf8', env: { ...process.env, PROMETHEUS_BACKFILL: history } });
const prometheus = /PROMETHEUS_URL=(\S+)/.exec(out)![1]!;

const jobs = ['steady', 'warm', 'hot', 'recovering'];
const slos = Array.from({ length: 50 }, (_, i) => {
  const job = jobs[i % jobs.length]!;
  return `  - name: slo-${i}\n    service: ${job}\n    objective: 0.99\n    window: 3d\n    sli:\n      good: sum(rate(http_requests_total{job="${job}",code!~"5.."}[{{window}}]))\n      total: sum(rate(http_requests_total{job="${job}"}[{{window}}]))\n`;
});
const file = join(OUT_DIR, 'slo-50.yml');
writeFileSync(file, `version: 1\nslos:\n${slos.join('')}`);
const context = { subject: { repo: 'acme/platform', sha: 'a'.repeat(40) }, producer: { name: 'bench', version: '0' }, createdAt: new Date(0).toISOString() };

const times: number[] = [];
for (let i = 0; i <= runs; i++) {
  const start = process.hrtime.bigint();
  const outcome = await sloGateFromFiles({ slo: file, prometheus, at: String(HISTORY_END), headers: [] }, context, { files: fsInputFiles, connectPrometheus: createPrometheusClient });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (outcome.report.data.slos.length !== 50 || outcome.report.data.slos.some((s) => s.decision === 'invalid')) throw new Error('unexpected result');
  if (i > 0) times.push(ms); // the first run warms Prometheus's caches and our module loading
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`50 SLOs, 500 queries, ${runs} runs after 1 warm-up on ${cpus().length} CPUs: median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (${(500 / (median / 1000)).toFixed(0)} queries/s)`);
