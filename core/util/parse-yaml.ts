import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A parsed YAML document, with the 1-based line of every key path (`controls.exclude[0]`). */
export type YamlResult = { ok: true; value: unknown; keyLines: Record<string, number> } | { ok: false; message: string; line?: number };

/**
 * Parses one YAML document as plain data: YAML 1.2 core schema, duplicate keys refused, alias
 * expansion bounded (billion-laughs input fails instead of exhausting memory), no custom tags.
 * Keys are duplicates when they name the same property of the parsed object, so `1:` and `"1":`,
 * or `~:` and `"":`, are refused too (the yaml library compares their values, and the object kept
 * only the last).
 */
export function parseYaml(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, schema: 'core', customTags: [] });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? (error.pos ? lineCounter.linePos(error.pos[0]).line : undefined);
    return line === undefined ? { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' } : { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML', line };
  }
  const duplicate = findDuplicateKey(doc.contents, '', lineCounter);
  if (duplicate) return { ok: false, ...duplicate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  const keyLines: Record<string, number> = {};
  collectLines(doc.contents, '', keyLines, lineCounter);
  return { ok: true, value, keyLines };
}

function collectLines(node: Node | null | undefined, path: string, out: Record<string, number>, lines: LineCounter): void {
  if (!node) return;
  if (node.range) out[path] ??= lines.linePos(node.range[0]).line;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = path ? `${path}.${key}` : key;
      if (isScalar(pair.key) && pair.key.range) out[child] = lines.linePos(pair.key.range[0]).line;
      collectLines(pair.value as Node | null, child, out, lines);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectLines(item as Node, `${path}[${i}]`, out, lines));
  }
}

/**
 * The first key that appears twice in one mapping, as the property name it becomes (`~` is `""`,
 * `1` is `"1"`), with both lines; keys made of collections compare only with identical ones.
 */
function findDuplicateKey(node: Node | null | undefined, path: string, lines: LineCounter): { message: string; line: number } | undefined {
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const name = propertyName(pair.key);
      const line = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : 0;
      const first = seen.get(name);
      if (first !== undefined) {
        const where = path ? `in ${path}` : 'at the top level';
        return { message: `duplicate key ${JSON.stringify(name.slice(0, 100))} ${where} (${first === line ? `twice on line ${line}` : `lines ${first} and ${line}`}): a key may appear only once in a mapping`, line };
      }
      seen.set(name, line);
      const found = findDuplicateKey(pair.value as Node | null, path ? `${path}.${name}` : name, lines);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const found = findDuplicateKey(item as Node, `${path}[${i}]`, lines);
      if (found) return found;
    }
  }
  return undefined;
}

/** The property name a key becomes in the parsed object, as the yaml library makes it. */
function propertyName(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : typeof key.value === 'object' ? `\u0000${String(key)}` : String(key.value);
  return `\u0000${String(key)}`;
}
