const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** A byte count for people: exact below 1 KiB, else in binary units to one decimal (25 MiB, 10.0 GiB -> "10 GiB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} ${UNITS[unit]}`;
}
