/** The primary rate limit of one credential in one resource, as GitHub reports it in `x-ratelimit-*` headers. */
export interface RateLimitStatus {
  limit: number;
  remaining: number;
  used: number;
  /** Unix seconds when the window ends. */
  reset: number;
  resource: string;
}

interface Window {
  start: number;
  used: number;
}

/**
 * Primary rate limits: each credential gets `limit` requests per resource per hour, counted from its
 * first request by the simulator's clock. Answers that GitHub does not count (304) are not consumed.
 * Anonymous requests get their own, smaller instance, keyed by address.
 */
export class RateLimits {
  readonly #windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    private readonly clock: () => Date,
  ) {}

  /** The status before this request, and whether the credential has nothing left. */
  peek(key: string, resource: string): RateLimitStatus & { exhausted: boolean } {
    const window = this.#window(key, resource);
    const status = this.#status(window, resource);
    return { ...status, exhausted: status.remaining <= 0 };
  }

  /** Counts one request; returns the status to report with its answer. */
  consume(key: string, resource: string): RateLimitStatus {
    const window = this.#window(key, resource);
    window.used = Math.min(window.used + 1, this.limit);
    return this.#status(window, resource);
  }

  /** Forgets every window (a new hour for everyone). */
  reset(): void {
    this.#windows.clear();
  }

  #window(key: string, resource: string): Window {
    const now = this.clock().getTime();
    const id = `${resource} ${key}`;
    const known = this.#windows.get(id);
    if (known && now < known.start + 3_600_000) return known;
    const fresh = { start: now, used: 0 };
    this.#windows.set(id, fresh);
    return fresh;
  }

  #status(window: Window, resource: string): RateLimitStatus {
    return { limit: this.limit, remaining: this.limit - window.used, used: window.used, reset: Math.ceil((window.start + 3_600_000) / 1000), resource };
  }
}

/** The headers GitHub sends with every API answer. */
export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    'x-ratelimit-limit': String(status.limit),
    'x-ratelimit-remaining': String(status.remaining),
    'x-ratelimit-reset': String(status.reset),
    'x-ratelimit-used': String(status.used),
    'x-ratelimit-resource': status.resource,
  };
}
