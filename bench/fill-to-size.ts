/**
 * Items from `make` until their pretty-printed size (at `depth` levels of 2-space indentation)
 * reaches `target` bytes, capped at the schema's `max` items.
 */
export function fillToSize<T>(target: number, max: number, depth: number, make: (i: number) => T, min = 0): T[] {
  const out: T[] = [];
  let size = 0;
  while ((size < target || out.length < min) && out.length < max) {
    const item = make(out.length);
    const text = JSON.stringify(item, null, 2);
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    size += text.length + lines * depth * 2 + 2;
    out.push(item);
  }
  return out;
}
