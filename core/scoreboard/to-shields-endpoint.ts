import type { Score } from './types.js';

/** The JSON shields.io's endpoint badge reads (https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
  /** How long shields.io may cache the badge; the scoreboard changes with merges, not by the second. */
  cacheSeconds: number;
}

/** Colour steps of the share, highest first. */
const COLORS: Array<[number, string]> = [
  [0.95, 'brightgreen'],
  [0.9, 'green'],
  [0.75, 'yellowgreen'],
  [0.5, 'orange'],
  [0, 'red'],
];

/**
 * A score as a shields.io endpoint badge: the share of merges whose gate passed without override,
 * rounded down (99.6% is not 100%), with the number of merges; grey when nothing merged.
 */
export function toShieldsEndpoint(score: Score, label = 'evidence'): ShieldsEndpoint {
  if (score.share === null) return { schemaVersion: 1, label, message: 'no merges', color: 'lightgrey', cacheSeconds: 3600 };
  const percent = Math.floor(score.share * 1000) / 10;
  const color = COLORS.find(([min]) => score.share! >= min)![1];
  return { schemaVersion: 1, label, message: `${percent}% of ${score.merged}`, color, cacheSeconds: 3600 };
}
