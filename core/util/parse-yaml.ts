import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A parsed YAML document, with the 1-based line of every key path (`controls.exclude[0]`). */
export type YamlResult = { ok: true; value: unknown; keyLines: Record<string, number> } | { ok: false; message: string; line?: number };

/**
 * Parses one YAML document as plain data: YAML 1.2 core schema, duplicate keys refused, alias
 * expansion bounded (billion-laughs input fails instead of exhausting memory), no custom tags.
 */
export function parseYaml(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core', customTags: [] });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? (error.pos ? lineCounter.linePos(error.pos[0]).line : undefined);
    return line === undefined ? { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' } : { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML', line };
  }
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
