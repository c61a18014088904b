/** A key that appears twice in one JSON object: its decoded name, where, and the offsets of both. */
export interface DuplicateJsonKey {
  key: string;
  /** JSON pointer (RFC 6901) of the object holding the key, `''` for the top level. */
  objectPointer: string;
  /** Offsets of the first and the second occurrence's opening quote. */
  firstOffset: number;
  offset: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;

/**
 * Finds the first key that appears twice in one object of a JSON text that `JSON.parse` accepted,
 * given the value it returned. `JSON.parse` keeps the last of two equal keys, so
 * `{"critical":7,"critical":0}` reads as 0 here and perhaps as 7 to another reader: such a document
 * is ambiguous. Keys compare by their decoded value (`"a"` and `"\u0061"` are one key), as in
 * `JSON.parse`.
 *
 * Fast path: every key of the text ends with a quote, optional whitespace and a colon, so the
 * colons that follow a quote or whitespace are at least as many as the keys; when they are exactly
 * as many as the properties of the parsed value, no key was repeated. Only otherwise (a repeated
 * key, or strings holding such colons) is the text scanned key by key.
 */
export function findDuplicateJsonKey(text: string, value: unknown): DuplicateJsonKey | undefined {
  if (keyColons(text) === propertyCount(value)) return undefined;
  return scanForDuplicateKey(text);
}

/** Colons right after a quote or whitespace: at least one per key of the text. */
function keyColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (before === QUOTE || before === 32 || before === 10 || before === 13 || before === 9) n++;
  }
  return n;
}

/** The number of properties of every object in a parsed JSON value, walked without recursion. */
function propertyCount(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in node) {
      n++;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return n;
}

/** One open object (its keys so far, name to offset) or array (its index), and the member being read. */
interface Frame {
  keys: Map<string, number> | undefined;
  at: string | number;
  expectKey: boolean;
}

/**
 * The exact check: one pass over valid JSON text without recursion (deep nesting cannot overflow
 * the stack), keeping the keys of each open object; strings are skipped with indexOf.
 */
export function scanForDuplicateKey(text: string): DuplicateJsonKey | undefined {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (top?.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const first = top.keys!.get(key);
        if (first !== undefined) return { key, objectPointer: pointerOf(stack.slice(0, -1)), firstOffset: first, offset: i };
        top.keys!.set(key, i);
        top.at = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      top = { keys: new Map(), at: '', expectKey: true };
      stack.push(top);
    } else if (c === OPEN_ARRAY) {
      top = { keys: undefined, at: 0, expectKey: false };
      stack.push(top);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      top = stack[stack.length - 1];
    } else if (c === COMMA && top) {
      if (top.keys) top.expectKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}

/** The offset of the quote that closes the string opened at `start`: one not escaped by an odd run of backslashes. */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    if (end === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/** The pointer of the member each frame is reading: `/data/counts`. */
function pointerOf(frames: Frame[]): string {
  return frames.map((f) => `/${String(f.at).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
