import type { StateStore } from '../../core/ports/state-store.js';

interface Entry {
  value: string;
  expires: number;
}

/**
 * The embedded state store: a bounded in-process map (oldest entries dropped first), values kept
 * as JSON so callers never share mutable objects. Lost on restart, which only costs API requests.
 */
export class MemoryStateStore implements StateStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #since: number;

  constructor(options: { maxEntries?: number; now?: () => number } = {}) {
    this.#maxEntries = options.maxEntries ?? 50_000;
    this.#now = options.now ?? Date.now;
    this.#since = this.#now();
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.#read<T>(key);
  }

  #read<T>(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return JSON.parse(entry.value) as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.#write(key, value, ttlSeconds);
  }

  #write(key: string, value: unknown, ttlSeconds: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value: JSON.stringify(value), expires: this.#now() + ttlSeconds * 1000 });
    while (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  async update<T>(key: string, ttlSeconds: number, change: (current: T | undefined) => T): Promise<T> {
    // Read, change and write without yielding: no other update can run in between.
    const next = change(this.#read<T>(key));
    this.#write(key, next, ttlSeconds);
    return next;
  }

  async claim(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    if (this.#read(key) !== undefined) return false;
    this.#write(key, value, ttlSeconds);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  /** This process's start: the memory is lost with it. */
  async since(): Promise<number> {
    return this.#since;
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
