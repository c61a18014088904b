import { MaestroError } from '../../errors.js';

/**
 * Checks a Prometheus base URL before anything is sent: http(s), no credentials (they would end up
 * in the report and logs; a header carries them), no query or fragment. Returns it without a
 * trailing slash, as the report records it.
 */
export function checkPrometheusUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MaestroError('USAGE', `Prometheus URL ${JSON.stringify(url.slice(0, 200))} is not a URL`, { remedy: 'pass it like http://127.0.0.1:9090.' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new MaestroError('USAGE', `Prometheus URL ${parsed.protocol}// is not http or https`, { remedy: 'pass an http:// or https:// URL.' });
  if (parsed.username || parsed.password) throw new MaestroError('USAGE', 'the Prometheus URL carries credentials, which would end up in the evidence report and logs', { remedy: 'remove them from the URL and pass them as a header (MAESTRO_PROMETHEUS_AUTHORIZATION, such as "Bearer <token>" or "Basic <base64>").' });
  if (parsed.search || parsed.hash) throw new MaestroError('USAGE', 'the Prometheus URL has a query or fragment', { remedy: 'pass the base URL only, such as https://prometheus.example/ or https://mimir.example/prometheus.' });
  return parsed.href.replace(/\/+$/, '');
}
