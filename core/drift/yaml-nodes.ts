import { Pair, Scalar } from 'yaml';

/** The key of a YAML map pair as text. */
export function keyOf(pair: Pair): string {
  return String(pair.key instanceof Scalar ? pair.key.value : pair.key);
}

/** A YAML node as plain data (other values as they are). */
export function toJs(node: unknown): unknown {
  return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}
