/** A measured value for people: integers as they are, others to four decimals below 1 and two above (330.4, 0.0123). */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 1 ? 4 : 2);
}

/** A fraction as a percentage with up to two decimals: 0.3 -> 30%, 0.12345 -> 12.35%. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100 * 100) / 100}%`;
}
