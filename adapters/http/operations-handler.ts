import type { IncomingMessage, ServerResponse } from 'node:http';

/** What /metrics serves: a Prometheus registry (prom-client's `Registry` is one). */
export interface MetricsRegistry {
  metrics(): Promise<string>;
  readonly contentType: string;
}

/** `/healthz` (liveness, with the queue's backend), `/metrics` (Prometheus text format) and `/ping` (as Probot answers it). */
export function operationsHandler(metrics: { registry: MetricsRegistry }, health: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/healthz') {
      const { ok, detail } = await health();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...detail }));
      return true;
    }
    if (path === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
      return true;
    }
    if (path === '/metrics') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      return true;
    }
    return false;
  };
}
