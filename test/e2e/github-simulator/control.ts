import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind, FaultSpec } from './faults.js';
import type { SimulatorCore } from './handle-request.js';
import { snapshotState } from './snapshot.js';

const KINDS: readonly FaultKind[] = ['5xx', 'secondary-rate-limit', 'primary-rate-limit', 'slow', 'drop'];

function reply(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body, null, 2));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(data.length) });
  res.end(data);
}

/** A fault from JSON: as {@link FaultSpec}, with `pathPattern` (a regular expression source) for paths. */
function faultFromJson(value: unknown): FaultSpec | string {
  const spec = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (!KINDS.includes(spec.kind as FaultKind)) return `kind must be one of ${KINDS.join(', ')}`;
  const { pathPattern, times, ...rest } = spec;
  return {
    ...(rest as Omit<FaultSpec, 'path' | 'times'>),
    ...(typeof pathPattern === 'string' ? { path: new RegExp(pathPattern) } : {}),
    ...(typeof times === 'number' ? { times } : times === 'always' ? { times: Infinity } : {}),
  };
}

/**
 * The simulator's own endpoints under `/_simulator/` (never recorded, never faulted): what it
 * received (`GET requests`, `?route=` to filter), what it holds (`GET state`), and faults to inject
 * (`GET faults`, `POST faults` with a fault as JSON).
 */
export function handleControl(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const what = `${req.method} ${url.pathname}`;
  if (what === 'GET /_simulator/requests') {
    const route = url.searchParams.get('route');
    return reply(res, 200, { unknownRoutes: core.log.unknownRoutes, routeCounts: core.log.routeCounts(), requests: core.log.requests.filter((r) => !route || r.route === route) });
  }
  if (what === 'GET /_simulator/state') return reply(res, 200, snapshotState(core.state));
  if (what === 'GET /_simulator/faults') return reply(res, 200, core.faults.pending().map((f) => ({ ...f, path: f.path === undefined ? undefined : String(f.path) })));
  if (what === 'POST /_simulator/faults') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, { message: 'the body must be a fault as JSON, such as {"kind":"5xx","route":"POST /repos/{owner}/{repo}/check-runs","times":1}' });
    }
    const spec = faultFromJson(parsed);
    if (typeof spec === 'string') return reply(res, 422, { message: spec });
    core.faults.add(spec);
    return reply(res, 201, { added: { ...spec, path: spec.path === undefined ? undefined : String(spec.path) } });
  }
  reply(res, 404, { message: 'Not Found: the simulator serves GET /_simulator/requests, GET /_simulator/state, GET and POST /_simulator/faults' });
}
