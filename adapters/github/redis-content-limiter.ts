import type { Redis } from 'ioredis';
import { CONTENT_LIMITS, type ContentLimiter, type LimitWindow, MAX_POLL_MS } from './content-limiter.js';

/**
 * Takes a slot when every window has one free, on Redis's own clock (replicas' clocks may differ):
 * a sorted set of slot times per installation, trimmed to the longest window. Answers 0 when the
 * slot was taken, else the milliseconds until one frees up. ARGV: max and window (ms) per limit.
 */
const TAKE_SLOT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local longest = 0
for i = 1, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 1, #ARGV, 2 do
  local max, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
  if count >= max then
    local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', count - max, 1)
    wait = math.max(wait, tonumber(oldest[2]) + window - now, 1)
  end
end
if wait == 0 then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. redis.call('INCR', KEYS[2]))
  redis.call('PEXPIRE', KEYS[1], longest)
  redis.call('PEXPIRE', KEYS[2], longest)
end
return wait`;

type WithTakeSlot = Redis & { maestroTakeSlot(key: string, seq: string, ...limits: number[]): Promise<number> };

/**
 * The limiter shared by every replica through Redis: one sorted set of slot times per
 * installation, changed only by one atomic script, no locks (a dead replica blocks nobody).
 */
export class RedisContentLimiter implements ContentLimiter {
  readonly #redis: WithTakeSlot;

  constructor(
    redis: Redis,
    readonly limits: readonly LimitWindow[] = CONTENT_LIMITS,
    readonly prefix = 'maestro:content-slots:',
    readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!('maestroTakeSlot' in redis)) redis.defineCommand('maestroTakeSlot', { numberOfKeys: 2, lua: TAKE_SLOT });
    this.#redis = redis as WithTakeSlot;
  }

  async acquire(installation: string): Promise<void> {
    const args = this.limits.flatMap((l) => [l.max, l.windowMs]);
    for (;;) {
      const wait = await this.#redis.maestroTakeSlot(`${this.prefix}${installation}`, `${this.prefix}${installation}:seq`, ...args);
      if (wait === 0) return;
      await this.sleep(Math.min(wait, MAX_POLL_MS));
    }
  }
}
