import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { canSee, holds, principalOf, type Principal } from './auth.js';
import { handleControl } from './control.js';
import { exhaustedAnswer, faultAnswer, type Faults } from './faults.js';
import { DOCS_URL, HttpError, notFound } from './http-error.js';
import type { RecordedRequest, RequestLog } from './record.js';
import { rateLimitHeaders, type RateLimits } from './rate-limit.js';
import type { RouteContext, RouteDefinition, RouteResult } from './route-context.js';
import type { RouteMatch, RouteTable } from './route-table.js';
import { artifactBlobPath } from './routes/blob.js';
import type { SimulatorState } from './state.js';

/** Everything the request handler works with; one per running simulator. */
export interface SimulatorCore {
  state: SimulatorState;
  api: RouteTable<RouteDefinition>;
  blobs: RouteTable<RouteDefinition>;
  log: RequestLog;
  faults: Faults;
  limits: RateLimits;
  anonymousLimits: RateLimits;
  reachability: { reachable: boolean; mode: 'drop' | 'hang' };
  blobSecret: Buffer;
  /** Answers held open while the simulator plays unreachable; ended on close. */
  hanging: Set<ServerResponse>;
  /** A route threw something other than an HttpError: a bug in the simulator, reported beside the 500. */
  onError(error: unknown, route: string): void;
}

/** Which table a path belongs to, the path to match (API prefix removed), and whether it came GitHub Enterprise style. */
function locate(pathname: string): { blob: boolean; path: string | undefined; enterprise: boolean } {
  if (pathname === '/api/graphql') return { blob: false, path: '/graphql', enterprise: true };
  if (pathname === '/api/v3' || pathname.startsWith('/api/v3/')) {
    const rest = pathname.slice('/api/v3'.length) || '/';
    return { blob: false, path: rest === '/graphql' ? undefined : rest, enterprise: true };
  }
  return { blob: pathname.startsWith('/_blob/'), path: pathname, enterprise: false };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** The body as JSON when it is JSON; `invalid` when it claims to be and is not. */
function parseBody(raw: Buffer): { value?: unknown; invalid?: true } {
  if (raw.length === 0) return {};
  try {
    return { value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { value: raw.toString('utf8'), invalid: true };
  }
}

function requestId(seq: number, now: Date): string {
  const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');
  return `C0DE:${hex(seq, 5)}:${hex(seq * 7919, 6)}:${hex(seq * 104729, 6)}:${hex(Math.floor(now.getTime() / 1000), 8)}`;
}

/** Who is counted against which limit, and how GitHub names them in a rate-limit message. */
function limiterOf(core: SimulatorCore, principal: Principal, address: string): { limits: RateLimits; key: string; who: string } {
  if (principal.kind === 'installation') return { limits: core.limits, key: principal.token.token, who: `installation ID ${principal.installation.id}` };
  if (principal.kind === 'workflow' || principal.kind === 'user') return { limits: core.limits, key: principal.token.token, who: principal.kind === 'user' ? `user ID ${core.state.account(principal.token.login ?? '').id}` : 'the workflow token' };
  if (principal.kind === 'app') return { limits: core.limits, key: `app:${core.state.app.id}`, who: `app ID ${core.state.app.id}` };
  return { limits: core.anonymousLimits, key: address, who: address };
}

/** Checks the credential against the route: who may call it, which repository it may see, which permission it needs. */
function authorize(core: SimulatorCore, definition: RouteDefinition, match: RouteMatch<RouteDefinition>, principal: Principal): RouteContext['repo'] {
  const noRepo = (): never => {
    throw new Error(`route ${definition.route} has no {owner}/{repo}`);
  };
  if (definition.auth === 'public') return noRepo;
  if (principal.kind === 'invalid') throw principal.error;
  if (definition.auth === 'app' && principal.kind !== 'app') throw new HttpError(401, { message: 'A JSON web token could not be decoded', documentation_url: DOCS_URL });
  if (definition.auth === 'token' && principal.kind === 'anonymous') throw new HttpError(401, { message: definition.resource === 'graphql' ? 'This endpoint requires you to be authenticated.' : 'Requires authentication', documentation_url: DOCS_URL });
  if (definition.auth === 'token' && principal.kind === 'app') throw new HttpError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS_URL });
  const { owner, repo: name } = match.params;
  const repo = owner !== undefined && name !== undefined ? core.state.repository(`${owner}/${name}`) : undefined;
  if (owner !== undefined && name !== undefined && (!repo || (definition.auth === 'token' && !canSee(core.state, principal, repo)))) throw notFound();
  if (definition.permission && !holds(principal, definition.permission)) {
    throw new HttpError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS_URL }, { 'x-accepted-github-permissions': `${definition.permission[0]}=${definition.permission[1]}` });
  }
  return repo ? () => repo : noRepo;
}

async function run(core: SimulatorCore, match: RouteMatch<RouteDefinition>, principal: Principal, base: Omit<RouteContext, 'repo' | 'params' | 'principal' | 'actor'>): Promise<RouteResult> {
  try {
    const repo = authorize(core, match.definition, match, principal);
    const actor = () => (principal.kind === 'user' ? principal.account : principal.kind === 'workflow' ? core.state.account('github-actions[bot]', 'Bot', 41898282) : core.state.bot());
    return await match.definition.handle({ ...base, params: match.params, principal, repo, actor });
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
    core.onError(error, match.definition.route);
    return { status: 500, body: { message: 'Server Error', documentation_url: DOCS_URL } };
  }
}

/**
 * Writes an answer with GitHub's headers. A GET's ETag (the route's own, else a hash of the body)
 * turns a matching If-None-Match into a 304, which `count` is told about: GitHub does not charge a
 * 304 to the rate limit.
 */
function send(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, answer: RouteResult, headers: Record<string, string>, count: (status: number) => Record<string, string>): void {
  const data = answer.raw ? answer.raw.data : answer.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(answer.body));
  const extra: Record<string, string> = answer.body !== undefined || answer.raw ? { 'content-type': answer.raw?.contentType ?? 'application/json; charset=utf-8' } : {};
  let status = answer.status;
  if (req.method === 'GET' && status === 200 && headers['x-github-request-id']) {
    // A route may name its own validator (a commit's sha for the sha media type), as GitHub does.
    const etag = answer.headers?.etag ?? `${answer.raw ? '' : 'W/'}"${createHash('sha256').update(data).digest('hex')}"`;
    Object.assign(extra, { etag, 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' });
    const wanted = String(req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (wanted.includes(etag.replace(/^W\//, ''))) status = 304;
  }
  record.status = status;
  const body = status === 204 || status === 304 ? Buffer.alloc(0) : data;
  res.writeHead(status, { ...headers, ...count(status), ...extra, ...answer.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** The headers of every API answer (blob downloads get only a date). */
function apiHeaders(resource: string, now: Date, id: string, accept: string | undefined): Record<string, string> {
  if (resource === 'none') return { date: now.toUTCString() };
  const param = /vnd\.github(?:\.v3)?\.(raw|sha)\b/.exec(String(accept))?.[1];
  const media = param ? `github.v3; param=${param}` : 'github.v3; format=json';
  return { date: now.toUTCString(), 'x-github-request-id': id, 'x-github-api-version-selected': '2022-11-28', 'x-github-media-type': media };
}

/** Drops the connection, or holds it open until the simulator is reachable again or closes. */
function playUnreachable(core: SimulatorCore, record: RecordedRequest, req: IncomingMessage, res: ServerResponse): void {
  record.status = core.reachability.mode === 'hang' ? 'hung' : 'dropped';
  if (core.reachability.mode === 'hang') core.hanging.add(res.once('close', () => core.hanging.delete(res)));
  else req.socket.destroy();
}

/**
 * Handles one request: records it, plays unreachable or an injected fault when told to, checks the
 * credential and its rate limit, runs the route and answers with GitHub's headers.
 */
export async function handleRequest(core: SimulatorCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const requestUrl = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const raw = await readBody(req);
  if (requestUrl.pathname.startsWith('/_simulator/')) return handleControl(core, req, res, requestUrl, raw);
  const target = locate(requestUrl.pathname);
  const match = target.path === undefined ? undefined : (target.blob ? core.blobs : core.api).match(method, target.path);
  const parsed = parseBody(raw);
  const route = match?.definition.route ?? `${method} ${requestUrl.pathname}`;
  const query = Object.fromEntries(requestUrl.searchParams);
  const record = core.log.add({ method, route, known: match !== undefined, path: requestUrl.pathname, query, status: 0, ...(parsed.value !== undefined ? { body: parsed.value } : {}), at: core.state.now() });
  // Whose request it was is known from its credential even when it is dropped, held or faulted.
  const principal = principalOf(core.state, req.headers.authorization);
  if (principal.kind === 'installation') record.installationId = principal.installation.id;
  if (!core.reachability.reachable) return playUnreachable(core, record, req, res);

  const fault = match ? core.faults.take({ method, route, path: target.path ?? requestUrl.pathname }) : undefined;
  if (fault) record.fault = fault.kind;
  if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
  if (fault?.kind === 'drop') {
    record.status = 'dropped';
    req.socket.destroy();
    return;
  }

  const now = core.state.clock();
  const id = requestId(record.seq, now);
  const resource = match?.definition.resource ?? 'core';
  const limiter = limiterOf(core, principal, req.socket.remoteAddress ?? '127.0.0.1');
  const bucket = resource === 'graphql' ? 'graphql' : 'core';
  const before = limiter.limits.peek(limiter.key, bucket);
  let answer: RouteResult;
  if (!match) answer = { status: 404, body: { message: 'Not Found', documentation_url: DOCS_URL } };
  else if (fault && fault.kind !== 'slow') answer = faultAnswer(fault, { requestId: id, now, limit: limiter.limits.limit, who: limiter.who });
  else if (resource !== 'none' && before.exhausted) answer = { status: 403, body: exhaustedAnswer(limiter.who) };
  else if (parsed.invalid && /json/.test(String(req.headers['content-type']))) answer = { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS_URL } };
  else {
    const urls = { api: `${requestUrl.origin}${target.enterprise ? '/api/v3' : ''}`, web: requestUrl.origin };
    const blobUrl = (artifactId: number): string => `${requestUrl.origin}${artifactBlobPath(core.blobSecret, artifactId, core.state.clock())}`;
    answer = await run(core, match, principal, { state: core.state, query: requestUrl.searchParams, body: parsed.value, headers: req.headers, requestUrl, rateLimit: before, urls, blobUrl });
  }
  const count = (status: number): Record<string, string> =>
    resource === 'none' ? {} : rateLimitHeaders(status === 304 ? limiter.limits.peek(limiter.key, bucket) : limiter.limits.consume(limiter.key, bucket));
  send(req, res, record, answer, apiHeaders(resource, now, id, req.headers.accept), count);
}
