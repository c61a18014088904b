import type { FaultKind } from './faults.js';

/** One request the simulator received, as tests inspect it. */
export interface RecordedRequest {
  /** Order of arrival, from 1. */
  seq: number;
  method: string;
  /** The Octokit route template (`GET /repos/{owner}/{repo}/pulls/{pull_number}/files`; GraphQL is `POST /graphql` whatever the prefix); `METHOD /path` when unknown. */
  route: string;
  known: boolean;
  /** The path as the client sent it, without the query. */
  path: string;
  query: Record<string, string>;
  /** The status answered, or how the request ended without one. */
  status: number | 'dropped' | 'hung';
  installationId?: number;
  /** The body, parsed when it was JSON. */
  body?: unknown;
  /** The injected fault, when one was. */
  fault?: FaultKind;
  /** When it arrived, by the simulator's clock. */
  at: string;
}

/** Something to match requests by: a route template, or any test. */
export type RequestFilter = string | ((request: RecordedRequest) => boolean);

/**
 * Every request in arrival order, and the routes the simulator does not serve: a client that calls
 * one is calling something GitHub would answer differently, and a test should fail on it.
 */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  /** `METHOD /path` of each request no route matched, in order. */
  readonly unknownRoutes: string[] = [];
  #seq = 0;

  /** Records a request; returns the record so its status can be filled in when the answer is known. */
  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const recorded = { seq: ++this.#seq, ...entry };
    this.requests.push(recorded);
    if (!entry.known) this.unknownRoutes.push(`${entry.method} ${entry.path}`);
    return recorded;
  }

  /** How many requests match. */
  count(filter: RequestFilter): number {
    return this.requests.filter(toPredicate(filter)).length;
  }

  /** Requests per route template, token requests included. */
  routeCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) counts[r.route] = (counts[r.route] ?? 0) + 1;
    return counts;
  }

  /** Forgets every request and unknown route. */
  clear(): void {
    this.requests.length = 0;
    this.unknownRoutes.length = 0;
  }

  /** Throws naming each unknown route called, so an `afterEach` fails the test that called one. */
  assertNoUnknownRoutes(): void {
    if (this.unknownRoutes.length === 0) return;
    const list = [...new Set(this.unknownRoutes)].map((r) => `  ${r}`).join('\n');
    throw new Error(`the client called routes the GitHub simulator does not serve (GitHub would answer 404 or something else):\n${list}\nAdd them to test/e2e/github-simulator/routes/ or fix the client.`);
  }
}

function toPredicate(filter: RequestFilter): (request: RecordedRequest) => boolean {
  return typeof filter === 'string' ? (r) => r.route === filter : filter;
}
