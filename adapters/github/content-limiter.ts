/**
 * GitHub's secondary rate limits on content creation, per installation: "no more than 80
 * content-generating requests per minute and no more than 500 per hour". A limiter hands out slots
 * in sliding windows; nothing is locked, so a replica that dies holding slots only uses them up
 * until they age out of the window, and never stalls the others.
 */
export interface ContentLimiter {
  /** Resolves once a content-creating request of the installation may be sent (its slot is taken). */
  acquire(installation: string): Promise<void>;
}

/** One window of a limit: at most `max` slots in any `windowMs`. */
export interface LimitWindow {
  max: number;
  windowMs: number;
}

/** GitHub's documented limits on content-generating requests. */
export const CONTENT_LIMITS: readonly LimitWindow[] = [
  { max: 80, windowMs: 60_000 },
  { max: 500, windowMs: 3_600_000 },
];

/** Longest single wait before a limiter asks again (another replica's slots may age out first). */
export const MAX_POLL_MS = 1000;

/**
 * How long until a slot is free in every window, given the times of the slots taken (oldest
 * first); 0 when one is free now. Pure: both limiters decide with it.
 */
export function waitForSlot(taken: readonly number[], now: number, limits: readonly LimitWindow[]): number {
  let wait = 0;
  for (const { max, windowMs } of limits) {
    const inWindow = taken.filter((t) => t > now - windowMs);
    if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + windowMs - now);
  }
  return wait;
}

/** The limiter of one process (no Redis): slot times per installation, in memory. */
export class MemoryContentLimiter implements ContentLimiter {
  readonly #taken = new Map<string, number[]>();

  constructor(
    readonly limits: readonly LimitWindow[] = CONTENT_LIMITS,
    readonly now: () => number = Date.now,
    readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async acquire(installation: string): Promise<void> {
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    for (;;) {
      const now = this.now();
      const taken = (this.#taken.get(installation) ?? []).filter((t) => t > now - longest);
      const wait = waitForSlot(taken, now, this.limits);
      if (wait === 0) {
        taken.push(now);
        this.#taken.set(installation, taken);
        return;
      }
      this.#taken.set(installation, taken);
      await this.sleep(Math.min(wait, MAX_POLL_MS));
    }
  }
}
