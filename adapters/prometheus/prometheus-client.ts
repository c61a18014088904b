import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkPrometheusUrl } from '../../core/gates/slo/check-prometheus-url.js';
import type { QueryValue } from '../../core/gates/slo/plan-slo-queries.js';
import type { PrometheusOptions, PrometheusQuery } from '../../core/ports/prometheus-query.js';

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** A Prometheus client over Node's http and https, with a timeout, headers and TLS options; it fits `ConnectPrometheus`. */
export function createPrometheusClient(options: PrometheusOptions): PrometheusQuery {
  const base = checkPrometheusUrl(options.url);
  return {
    async query(promql, at) {
      const body = new URLSearchParams({ query: promql, time: (at.getTime() / 1000).toFixed(3), timeout: `${Math.max(1, Math.floor(options.timeoutMs / 1000))}s` }).toString();
      let response: { status: number; text: string };
      try {
        response = await post(`${base}/api/v1/query`, body, options);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      return readResponse(response);
    },
  };
}

function post(url: string, body: string, options: PrometheusOptions): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), accept: 'application/json' },
        timeout: options.timeoutMs,
        ...(target.protocol === 'https:' ? { ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: !options.insecureSkipVerify } : {}),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error(`the answer of Prometheus at ${target.origin} is larger than ${MAX_RESPONSE_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`Prometheus at ${target.origin} did not answer within ${options.timeoutMs / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code && !error.message.includes('did not answer') ? `Prometheus at ${target.origin} is unreachable (${error.code}: ${error.message})` : error.message));
    });
    req.end(body);
  });
}

/** Prometheus's JSON envelope to one number, or why there is none. */
export function readResponse(response: { status: number; text: string }): QueryValue {
  // Prometheus itself (basic auth in its web config) and the proxies in front of it (bearer tokens) answer these before any query runs.
  if (response.status === 401) return { ok: false, error: 'HTTP 401 from Prometheus: the credentials are missing or were refused (check the bearer token, or the user name and password)' };
  if (response.status === 403) return { ok: false, error: 'HTTP 403 from Prometheus: the credentials were accepted but may not query (check their scopes or tenant)' };
  let doc: { status?: string; errorType?: string; error?: string; data?: { resultType?: string; result?: unknown } };
  try {
    doc = JSON.parse(response.text) as typeof doc;
  } catch {
    return { ok: false, error: `HTTP ${response.status} from Prometheus with a body that is not its JSON API (a proxy or a wrong URL?)` };
  }
  if (doc.status !== 'success') return { ok: false, error: `the query failed (HTTP ${response.status}, ${doc.errorType ?? 'error'}: ${String(doc.error ?? 'no message').slice(0, 500)})` };
  const { resultType, result } = doc.data ?? {};
  let sample: unknown;
  if (resultType === 'scalar') sample = result;
  else if (resultType === 'vector' && Array.isArray(result)) {
    if (result.length === 0) return { ok: false, error: 'no data: the query returned an empty result (no matching series in the window)' };
    if (result.length > 1) return { ok: false, error: `the query returned ${result.length} series; aggregate them into one, such as with sum()` };
    sample = (result[0] as { value?: unknown }).value;
  } else return { ok: false, error: `the query returned a ${resultType ?? 'missing'} result; an SLI query must return one number (an instant vector of one series, or a scalar)` };
  const text = Array.isArray(sample) ? sample[1] : undefined;
  if (text === '+Inf' || text === '-Inf') return { ok: false, error: `the query returned ${text}` };
  const value = typeof text === 'string' ? Number(text) : Number.NaN;
  if (Number.isNaN(value)) return { ok: false, error: 'the query returned NaN (such as 0/0 when there was no traffic in the window)' };
  return { ok: true, value };
}
