import type { SimulatorRoute } from './route-context.js';

/** The failures the simulator can inject. */
export type FaultKind = '5xx' | 'secondary-rate-limit' | 'primary-rate-limit' | 'slow' | 'drop';

/** A failure to inject into the next matching requests. */
export interface FaultSpec {
  kind: FaultKind;
  /** Route template with its method (`POST /repos/{owner}/{repo}/check-runs`, `POST /graphql`); absent: any request. */
  route?: SimulatorRoute;
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path (API prefix removed) is this string, matches this pattern or passes this test. */
  path?: string | RegExp | ((path: string) => boolean);
  /** How many matching requests fail (default 1; Infinity for all until cleared). */
  times?: number;
  /** `5xx`: the status (default 502); `primary-rate-limit`: 403 (default) or 429. */
  status?: number;
  /** `5xx`: the JSON body (default GitHub's `{ message: 'Server Error' }`). */
  body?: unknown;
  /** `secondary-rate-limit`: seconds in `retry-after` (default 60). */
  retryAfter?: number;
  /** `primary-rate-limit`: seconds until `x-ratelimit-reset` (default 60). */
  resetAfter?: number;
  /** `slow`: milliseconds before the request is answered normally (default 1000). */
  delayMs?: number;
}

/** A fault in force: what is left of it, and a way to withdraw it. */
export interface FaultHandle {
  readonly spec: FaultSpec;
  /** Matching requests still to fail. */
  remaining(): number;
  cancel(): void;
}

interface Active {
  spec: FaultSpec;
  left: number;
}

/**
 * Faults waiting for their requests, matched in the order they were added; each match uses one of
 * its `times`, so a test says exactly which request fails and sees the client recover on the next.
 */
export class Faults {
  #active: Active[] = [];

  /** Adds a fault; see {@link FaultSpec}. */
  add(spec: FaultSpec): FaultHandle {
    const active: Active = { spec, left: spec.times ?? 1 };
    this.#active.push(active);
    return { spec, remaining: () => active.left, cancel: () => void (this.#active = this.#active.filter((a) => a !== active)) };
  }

  /** The fault for this request, if one matches; takes one of its times. */
  take(request: { method: string; route: string; path: string }): FaultSpec | undefined {
    const found = this.#active.find((a) => a.left > 0 && matches(a.spec, request));
    if (!found) return undefined;
    found.left--;
    if (found.left <= 0) this.#active = this.#active.filter((a) => a !== found);
    return found.spec;
  }

  /** The faults still waiting. */
  pending(): FaultSpec[] {
    return this.#active.map((a) => a.spec);
  }

  /** Withdraws every fault. */
  clear(): void {
    this.#active = [];
  }
}

function matches(spec: FaultSpec, request: { method: string; route: string; path: string }): boolean {
  if (spec.route !== undefined && spec.route !== request.route) return false;
  if (spec.method !== undefined && spec.method.toUpperCase() !== request.method) return false;
  if (spec.path === undefined) return true;
  if (typeof spec.path === 'string') return spec.path === request.path;
  if (spec.path instanceof RegExp) return spec.path.test(request.path);
  return spec.path(request.path);
}

/** GitHub's documentation pages for its rate limits, as its 403 and 429 answers link them. */
const SECONDARY_DOCS = 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit';

/** The answer of a fault that answers (not `slow` or `drop`), with GitHub's wording and headers. */
export function faultAnswer(spec: FaultSpec, info: { requestId: string; now: Date; limit: number; who: string }): { status: number; body: unknown; headers: Record<string, string> } {
  switch (spec.kind) {
    case 'secondary-rate-limit':
      return {
        status: 403,
        body: { message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${info.requestId}.`, documentation_url: SECONDARY_DOCS },
        headers: { 'retry-after': String(spec.retryAfter ?? 60) },
      };
    case 'primary-rate-limit':
      return {
        status: spec.status ?? 403,
        body: { message: `API rate limit exceeded for ${info.who}.`, documentation_url: PRIMARY_DOCS },
        headers: { 'x-ratelimit-limit': String(info.limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-used': String(info.limit), 'x-ratelimit-reset': String(Math.ceil(info.now.getTime() / 1000) + (spec.resetAfter ?? 60)) },
      };
    default:
      return { status: spec.status ?? 502, body: spec.body ?? { message: 'Server Error' }, headers: {} };
  }
}

/** The 403 of a credential that used its whole hour, as GitHub words it. */
export function exhaustedAnswer(who: string): { message: string; documentation_url: string } {
  return { message: `API rate limit exceeded for ${who}.`, documentation_url: PRIMARY_DOCS };
}
