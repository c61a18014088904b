import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { cliReportContext } from '../report-context.js';
import { createPrometheusClient } from '../../adapters/prometheus/prometheus-client.js';
import { sloGateFromFiles } from '../../flows/slo-gate-from-files.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Options of `maestro slo`, as the command line gives them. */
export interface SloOptions extends GateOutputOptions {
  prometheus?: string;
  slo?: string;
  slis?: string;
  at?: string;
  previous?: string;
  timeout?: string;
  header?: string[];
  caFile?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipVerify?: boolean;
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro slo`: error budget burn of the SLOs, from Prometheus or precomputed SLIs. Returns the exit code. */
export async function sloCommand(options: SloOptions): Promise<number> {
  const context = cliReportContext(options);
  const outcome = await sloGateFromFiles({ ...options, headers: options.header ?? [], authorization: process.env.MAESTRO_PROMETHEUS_AUTHORIZATION || undefined }, context, { files: fsInputFiles, connectPrometheus: createPrometheusClient });
  return emitGateOutcome(outcome, options, options.slo ?? options.slis ?? 'the SLO gate');
}
