/**
 * Small deterministic vocabulary of the benchmark's reports: every value comes from a seeded
 * generator, so the same seed writes the same bytes.
 */

/** A seeded generator of numbers in [0, 1) (lib.ts `seededRandom`). */
export type Rng = () => number;

/** One item of `list`. */
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
/** An integer from `lo` to `hi`, both included. */
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** `value` rounded to `digits` decimals. */
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
/** `length` hex digits. */
export const hex = (rng: Rng, length: number): string => {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
};

const SYLLABLES = ['ac', 'bel', 'cor', 'dex', 'fin', 'gal', 'hex', 'ion', 'jet', 'kin', 'lum', 'mor', 'nex', 'orb', 'pax', 'quo', 'ras', 'syl', 'tor', 'umb', 'vex', 'wyn', 'xen', 'yar', 'zed'];
/** Words of sentences, test names and metric names. */
export const WORDS = [
  'request', 'tenant', 'latency', 'budget', 'policy', 'region', 'cache', 'token', 'session', 'replica', 'shard', 'queue',
  'handler', 'gateway', 'router', 'snapshot', 'schema', 'index', 'query', 'worker', 'deploy', 'rollout', 'metric', 'span',
  'export', 'bucket', 'secret', 'config', 'flag', 'window', 'quota', 'audit', 'trace', 'probe', 'alert', 'runbook',
];
/** Service names. */
export const SERVICES = ['checkout', 'orders', 'catalog', 'search', 'identity', 'billing', 'router', 'gateway', 'inference', 'ingest', 'notifier', 'reports'];

/** A made-up name of `parts` syllables. */
export const name = (rng: Rng, parts = 2): string => Array.from({ length: parts }, () => pick(rng, SYLLABLES)).join('');
/** A sentence of `words` words. */
export const sentence = (rng: Rng, words: number): string => {
  const list = Array.from({ length: words }, () => pick(rng, WORDS));
  return `${list.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
};
/** Sentences up to at least `chars` characters. */
export const paragraph = (rng: Rng, chars: number): string => {
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const s = sentence(rng, int(rng, 6, 16));
    out.push(s);
    length += s.length + 1;
  }
  return out.join(' ');
};
/** A semantic version. */
export const semver = (rng: Rng): string => `${int(rng, 0, 12)}.${int(rng, 0, 40)}.${int(rng, 0, 30)}`;
