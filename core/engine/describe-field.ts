import { getAtPointer, pointerToPath } from '../util/json-pointer.js';

const LABEL_FIELDS = ['name', 'metric', 'rule', 'path', 'purl', 'operation', 'id', 'url', 'title'] as const;

/**
 * Names a field for a sentence: `/data/thresholds/1/ok` becomes
 * `data.thresholds[1] (http_req_duration p(95)<350).ok`, so an array item is recognisable.
 */
export function describeField(pointer: string, document: unknown): string {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/');
  let out = '';
  let prefix = '';
  for (const token of tokens) {
    prefix += `/${token}`;
    out = pointerToPath(`/${token}`, out);
    if (/^(0|[1-9][0-9]*)$/.test(token)) {
      const label = itemLabel(getAtPointer(document, prefix));
      if (label) out += ` (${label})`;
    }
  }
  return out || '(document)';
}

function itemLabel(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const field = LABEL_FIELDS.find((f) => typeof record[f] === 'string');
  if (!field) return undefined;
  const label = String(record[field]);
  const expression = typeof record.expression === 'string' ? ` ${record.expression}` : '';
  const text = `${label}${expression}`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
