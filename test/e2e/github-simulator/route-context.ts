import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from './auth.js';
import { notFound } from './http-error.js';
import type { SimAccount, SimRepository } from './model.js';
import type { AppPermissions, GitHubRoute } from './openapi.js';
import type { RateLimitStatus } from './rate-limit.js';
import type { SimulatorState } from './state.js';
import type { Urls } from './urls.js';

/** What a route handler sees of one request, with the repository and actor already resolved. */
export interface RouteContext {
  state: SimulatorState;
  /** Path parameters of the route template, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The body, parsed when it was JSON. */
  body: unknown;
  headers: IncomingHttpHeaders;
  principal: Principal;
  urls: Urls;
  /** The full URL as the client sent it, for pagination links. */
  requestUrl: URL;
  /** The credential's rate limit after this request. */
  rateLimit: RateLimitStatus;
  /** The `{owner}/{repo}` of the route, already checked against the credential (404 otherwise). */
  repo(): SimRepository;
  /** The account a write is attributed to: the app's bot for installation tokens, the person for their token. */
  actor(): SimAccount;
  /** The signed, short-lived download URL of an artifact's zip on the simulator's blob host. */
  blobUrl(artifactId: number): string;
}

/** What a route answers: JSON `body`, or `raw` bytes with their content type. */
export interface RouteResult {
  status: number;
  body?: unknown;
  raw?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
}

/** Who may call a route: an app JWT, an installation or person's token, or anyone (signed blob URLs). */
export type RouteAuth = 'app' | 'token' | 'public';

/** A route template the simulator may serve: one GitHub documents, GraphQL, or the blob host. */
export type SimulatorRoute = GitHubRoute | 'POST /graphql' | 'GET /_blob/artifacts/{id}';

/** A route the simulator serves, named by its Octokit route template. */
export interface RouteDefinition {
  /** `METHOD /path/{param}` exactly as GitHub's OpenAPI description and Octokit name the endpoint; GraphQL and the blob host are the two routes outside it. */
  route: SimulatorRoute;
  auth: RouteAuth;
  /** The installation permission GitHub requires (answered with 403 "Resource not accessible by integration" when missing). */
  permission?: [keyof AppPermissions, 'read' | 'write'];
  /** The rate-limit bucket; blob downloads are not API requests and count nowhere. */
  resource?: 'core' | 'graphql' | 'none';
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers?: Record<string, string>): RouteResult {
  return { status, body, ...(headers ? { headers } : {}) };
}

/** A numeric path parameter (`{pull_number}`); anything else is a path GitHub does not know. */
export function intParam(ctx: RouteContext, name: string): number {
  const value = ctx.params[name] ?? '';
  if (!/^\d+$/.test(value)) throw notFound();
  return Number(value);
}
