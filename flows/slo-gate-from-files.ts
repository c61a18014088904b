import type { ReportContext } from '../core/evidence/build-report.js';
import { loadEvidenceValidators } from '../core/evidence/evidence-validators.js';
import { parseEvidence } from '../core/evidence/parse-evidence.js';
import { MaestroError } from '../core/errors.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import { buildSloOutcome, type SloSourceFile } from '../core/gates/slo/build-slo-outcome.js';
import { evaluateSlo } from '../core/gates/slo/evaluate-slo.js';
import { parsePrecomputedSlis } from '../core/gates/slo/parse-precomputed-slis.js';
import { parseSloFile } from '../core/gates/slo/parse-slo-file.js';
import { planSloQueries, ratiosFromValues, type QueryValue } from '../core/gates/slo/plan-slo-queries.js';
import { DEFAULT_POLICY, type SloDecision, type SloReportData, type SloResult } from '../core/gates/slo/types.js';
import { checkPrometheusUrl } from '../core/gates/slo/check-prometheus-url.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { ConnectPrometheus, PrometheusOptions } from '../core/ports/prometheus-query.js';

/** The SLO gate's inputs as the CLI and the action take them. */
export interface SloGateFiles {
  /** SLO definitions (YAML or JSON), evaluated against `prometheus`. */
  slo?: string;
  prometheus?: string;
  /** Precomputed SLIs (JSON), instead of `slo` and `prometheus`. */
  slis?: string;
  /** Evaluation time: RFC 3339 or Unix seconds (default: now). */
  at?: string;
  /** The previous slo-burn report, whose blocks hold until the budget consumed falls below releaseBelow. */
  previous?: string;
  /** Per-query timeout, such as 30s or 2m (default 30s). */
  timeout?: string;
  /** Extra headers, `Name: value`. */
  headers: string[];
  /** Value of the Authorization header (from the environment or a secret, never the command line). */
  authorization?: string;
  caFile?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipVerify?: boolean;
}

/** What the SLO gate reads through: the named files, and Prometheus. */
export interface SloGateIo {
  files: InputFiles;
  /** Opened only for SLO definitions; precomputed SLIs need no Prometheus. */
  connectPrometheus: ConnectPrometheus;
}

const MAX_SLO_FILE_BYTES = 2 * 1024 * 1024;
const CONCURRENCY = 4;

/** Reads the SLOs and their values (from Prometheus or precomputed) and returns the SLO gate's outcome. */
export async function sloGateFromFiles(files: SloGateFiles, context: ReportContext, io: SloGateIo): Promise<GateOutcome<SloReportData>> {
  const previous = files.previous ? await readPrevious(files.previous, io.files) : new Map<string, SloDecision>();
  if (files.slis) {
    if (files.slo || files.prometheus) throw new MaestroError('USAGE', '--slis cannot be combined with --slo or --prometheus', { remedy: 'evaluate either precomputed SLIs or SLO definitions against Prometheus.' });
    const pre = parsePrecomputedSlis(await io.files.readJson(files.slis, 'precomputed SLIs', MAX_SLO_FILE_BYTES), files.slis);
    const slos = pre.slos.map(({ slo, readings }) => evaluateSlo({ slo, readings, policy: DEFAULT_POLICY, previous: previous.get(key(slo)) }));
    return buildSloOutcome({ source: { type: 'precomputed', at: new Date(pre.at).toISOString() }, policy: DEFAULT_POLICY, slos }, context);
  }
  if (!files.slo || !files.prometheus) throw new MaestroError('USAGE', 'the SLO gate needs --slo and --prometheus, or --slis', { remedy: 'pass the SLO file and the Prometheus URL, or a JSON of precomputed SLIs.' });
  const url = checkPrometheusUrl(files.prometheus);
  const at = parseAt(files.at);
  const text = (await io.files.read(files.slo, 'SLO file', MAX_SLO_FILE_BYTES)).toString('utf8');
  const { policy, slos } = parseSloFile(text, files.slo);
  const client = io.connectPrometheus(await prometheusOptions(url, files, io.files));

  const plans = slos.map((slo) => ({ slo, queries: planSloQueries(slo) }));
  const results = await runAll(plans.flatMap((p) => p.queries.map((q) => () => client.query(q.promql, at))), CONCURRENCY);
  let next = 0;
  const evaluated: SloResult[] = plans.map(({ slo, queries }) => {
    const values = new Map<string, QueryValue>(queries.map((q) => [q.name, results[next++]!]));
    const sli = slo.sli!;
    const shown = 'errorRatio' in sli ? { ratio: sli.errorRatio } : { good: sli.good, total: sli.total };
    const raw = Object.fromEntries([...values].map(([name, v]) => [name, v.ok ? v.value : null]));
    return evaluateSlo({ slo, readings: ratiosFromValues(slo, values), policy, previous: previous.get(key(slo)), queries: shown, values: raw });
  });
  const file: SloSourceFile = { path: files.slo, lines: Object.fromEntries(slos.filter((s) => s.line).map((s) => [key(s), s.line!])) };
  return buildSloOutcome({ source: { type: 'prometheus', url, at: at.toISOString() }, policy, slos: evaluated }, context, file);
}

function key(slo: { service: string; name: string }): string {
  return `${slo.service}\u0000${slo.name}`;
}

/** `--at`: RFC 3339, or Unix seconds as Prometheus takes them. */
export function parseAt(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = /^\d{9,11}(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new MaestroError('USAGE', `--at ${JSON.stringify(text.slice(0, 50))} is not a time`, { remedy: 'write it as RFC 3339 (2026-11-20T12:00:00Z) or Unix seconds.' });
  return date;
}

/** A duration of seconds or minutes: 30s, 2m. */
function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 30_000;
  const match = /^(\d{1,4})(s|m)$/.exec(text);
  if (!match || Number(match[1]) === 0) throw new MaestroError('USAGE', `timeout ${JSON.stringify(text.slice(0, 50))} is not a duration`, { remedy: 'write it like 30s or 2m.' });
  return Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000);
}

async function prometheusOptions(url: string, files: SloGateFiles, inputFiles: InputFiles): Promise<PrometheusOptions> {
  const headers: Record<string, string> = {};
  for (const header of files.headers) {
    const match = /^([A-Za-z0-9-]{1,100}):\s*(.{1,4000})$/.exec(header);
    if (!match) throw new MaestroError('USAGE', `header ${JSON.stringify(header.slice(0, 60))} is not "Name: value"`, { remedy: 'write it like "X-Scope-OrgID: tenant-1".' });
    headers[match[1]!] = match[2]!;
  }
  if (files.authorization) headers.Authorization = files.authorization;
  const pem = (path: string | undefined, what: string) => (path ? inputFiles.read(path, what, 1024 * 1024) : Promise.resolve(undefined));
  if (Boolean(files.clientCert) !== Boolean(files.clientKey)) throw new MaestroError('USAGE', 'a client certificate needs its key, and the key its certificate', { remedy: 'pass both --client-cert and --client-key, or neither.' });
  return { url, timeoutMs: parseTimeout(files.timeout), headers, ca: await pem(files.caFile, 'CA file'), cert: await pem(files.clientCert, 'client certificate'), key: await pem(files.clientKey, 'client key'), insecureSkipVerify: files.insecureSkipVerify };
}

async function readPrevious(path: string, inputFiles: InputFiles): Promise<Map<string, SloDecision>> {
  await loadEvidenceValidators(['slo-burn']);
  const bytes = await inputFiles.read(path, 'previous SLO report', 25 * 1024 * 1024);
  const item = parseEvidence(bytes, path);
  if (item.status !== 'valid' || item.report.kind !== 'slo-burn') {
    const why = item.status === 'invalid' ? item.issues.slice(0, 3).map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ') : `it is a ${item.report.kind} report`;
    throw new MaestroError('SCHEMA_INVALID', `previous SLO report ${path} is not a valid slo-burn report: ${why}`, { file: path, remedy: 'pass the slo-burn report of the previous run (the artifact maestro-evidence-slo).' });
  }
  const data = item.report.data as unknown as SloReportData;
  return new Map(data.slos.map((s) => [key(s), s.decision]));
}

/** Runs tasks with at most `limit` at a time, results in task order. */
async function runAll<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let index = 0;
  const worker = async () => {
    while (index < tasks.length) {
      const i = index++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
