import type { Redis } from 'ioredis';
import type { StateStore } from '../../core/ports/state-store.js';

/** Compare-and-set: writes ARGV[2] only when the key still holds ARGV[1] ('' standing for "absent"). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0`;

/** How often an update is tried again when another writer changed the key in between. */
const MAX_UPDATE_TRIES = 100;

type WithCas = Redis & { maestroCompareAndSet(key: string, expected: string, next: string, ttl: number): Promise<number> };

/**
 * The state store shared by every replica, in Redis: JSON values under `<prefix><key>` with a TTL.
 * Updates are optimistic (read, change in JS, compare-and-set in one Lua call, again on conflict),
 * so they are safe on a connection other commands share, unlike WATCH/MULTI.
 */
export class RedisStateStore implements StateStore {
  readonly #redis: WithCas;

  constructor(
    redis: Redis,
    readonly prefix = 'maestro:state:',
    readonly ownsConnection = false,
    /** The app's clock, in milliseconds since the epoch. */
    readonly now: () => number = Date.now,
  ) {
    if (!('maestroCompareAndSet' in redis)) redis.defineCommand('maestroCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
    this.#redis = redis as WithCas;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const text = await this.#redis.get(this.prefix + key);
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
  }

  async update<T>(key: string, ttlSeconds: number, change: (current: T | undefined) => T): Promise<T> {
    for (let tries = 0; tries < MAX_UPDATE_TRIES; tries++) {
      const text = await this.#redis.get(this.prefix + key);
      const next = change(text === null ? undefined : (JSON.parse(text) as T));
      if (await this.#redis.maestroCompareAndSet(this.prefix + key, text ?? '', JSON.stringify(next), ttlSeconds)) return next;
    }
    throw new Error(`state ${key} changed under every one of ${MAX_UPDATE_TRIES} updates; Redis is overloaded or a writer loops`);
  }

  async claim(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    return (await this.#redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.prefix + key);
  }

  /**
   * When the shared memory began: the first replica to ask writes its clock's time, and every
   * replica reads the same value until Redis loses it (then the memory is new again).
   */
  async since(): Promise<number> {
    const key = `${this.prefix}since`;
    await this.#redis.set(key, String(this.now()), 'NX');
    return Number(await this.#redis.get(key));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.#redis.quit();
  }
}
