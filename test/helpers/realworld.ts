import { realworld, seeds } from './shared-dir.js';

/**
 * Paths into the shared folders for scripts that run outside Jest (benchmarks): they throw the
 * reason and the remedy when the folder is absent. Tests use `realworld` and `seeds` from
 * shared-dir.ts, which skip outside CI instead.
 */
export const realworldDir = (...parts: string[]): string => realworld.require(...parts);

/** The planning documents the product grew from; see realworldDir. */
export const seedsDir = (...parts: string[]): string => seeds.require(...parts);
