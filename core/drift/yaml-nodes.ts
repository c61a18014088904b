import { isMap, isScalar, Pair, Scalar, type Document, type Node, type YAMLMap } from 'yaml';

/** The key of a YAML map pair as text. */
export function keyOf(pair: Pair): string {
  return String(pair.key instanceof Scalar ? pair.key.value : pair.key);
}

/** A YAML node as plain data (other values as they are). */
export function toJs(node: unknown): unknown {
  return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/**
 * Sets the value of `pair`, an entry of the document's `on:` map. An empty value (`workflow_dispatch:`)
 * holds the blank line that follows it in the file; that line is kept before the key that comes next.
 */
export function replaceEventValue(doc: Document, on: YAMLMap, pair: Pair, value: Node): void {
  const old = pair.value;
  pair.value = value;
  if (!isScalar(old) || !old.spaceBefore) return;
  const root = doc.contents;
  const after = (map: YAMLMap, p: unknown) => map.items[map.items.indexOf(p as Pair) + 1];
  const next = after(on, pair) ?? (isMap(root) ? after(root, root.items.find((p) => p.value === on)) : undefined);
  if (next && isScalar(next.key)) next.key.spaceBefore = true;
}
