import type { QueryValue } from '../gates/slo/plan-slo-queries.js';

/** How to reach a Prometheus HTTP API. */
export interface PrometheusOptions {
  /** Base URL, such as http://127.0.0.1:9090 or https://mimir.example/prometheus (no credentials). */
  url: string;
  /** Per query; also sent to Prometheus as its own query timeout. */
  timeoutMs: number;
  /** Extra request headers, such as Authorization or X-Scope-OrgID. */
  headers: Record<string, string>;
  /** PEM bundle of CAs to trust instead of the system's. */
  ca?: Buffer;
  /** PEM client certificate and key, for mutual TLS. */
  cert?: Buffer;
  key?: Buffer;
  /** Skip TLS certificate verification (only for test setups; the report says so). */
  insecureSkipVerify?: boolean;
}

/**
 * Reads one instant value from Prometheus, so the SLO gate can compute burn rates (adapters/prometheus
 * implements it over HTTP). Never throws: an unreachable server or a failed query is a value that
 * cannot be read, which makes the SLO invalid rather than the run an error.
 */
export interface PrometheusQuery {
  query(promql: string, at: Date): Promise<QueryValue>;
}

/** Opens the Prometheus API described by `options`; nothing is sent until the first query. */
export type ConnectPrometheus = (options: PrometheusOptions) => PrometheusQuery;
