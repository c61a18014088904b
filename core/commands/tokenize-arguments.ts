/** One argument of a command line: a bare word or a quoted string. */
export interface ArgumentToken {
  value: string;
  quoted: boolean;
}

/** The arguments of a command line, and the text after `reason:` when there is one. */
export type TokenizedArguments = { ok: true; tokens: ArgumentToken[]; reason?: string } | { ok: false; message: string };

/** Opening quote characters and the characters that close them (typographic quotes as editors type them). */
const CLOSING_QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\u201C': '\u201D\u201C',
  '\u2018': '\u2019\u2018',
  '\u201E': '\u201C\u201D',
  '\u00AB': '\u00BB',
};

const REASON_KEYWORD = 'reason:';

/**
 * Splits the arguments of one command line: words separated by white space or commas, strings in
 * straight or typographic quotes (a backslash escapes the closing quote), and `reason:` which takes
 * the rest of the line as it is. A hand-written scanner, linear in the length of the line.
 */
export function tokenizeArguments(text: string): TokenizedArguments {
  const tokens: ArgumentToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSeparator(c)) {
      i++;
      continue;
    }
    if (text.slice(i, i + REASON_KEYWORD.length).toLowerCase() === REASON_KEYWORD) {
      return { ok: true, tokens, reason: text.slice(i + REASON_KEYWORD.length) };
    }
    const closing = CLOSING_QUOTES[c];
    if (closing) {
      const quoted = readQuoted(text, i + 1, closing);
      if (!quoted) return { ok: false, message: `the quote opened at column ${i + 1} is not closed` };
      tokens.push({ value: quoted.value, quoted: true });
      i = quoted.next;
      continue;
    }
    let j = i;
    while (j < text.length && !isSeparator(text[j]!)) j++;
    tokens.push({ value: text.slice(i, j), quoted: false });
    i = j;
  }
  return { ok: true, tokens };
}

/** The text up to the closing quote, with `\"`-style escapes resolved; undefined when never closed. */
function readQuoted(text: string, from: number, closing: string): { value: string; next: number } | undefined {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && (closing.includes(text[i + 1]!) || text[i + 1] === '\\')) {
      value += text[++i];
    } else if (closing.includes(c)) {
      return { value, next: i + 1 };
    } else {
      value += c;
    }
  }
  return undefined;
}

/** White space (also no-break and other Unicode spaces) and commas separate bare words. */
function isSeparator(c: string): boolean {
  return c === ' ' || c === ',' || c === '\t' || c === '\u00A0' || c === '\u3000' || (c >= '\u2000' && c <= '\u200A') || c === '\u202F' || c === '\u205F';
}

/** Removes one pair of surrounding quotes from text that is a single quoted string (`"Sprint 14"`). */
export function unquote(text: string): string {
  const trimmed = text.trim();
  const closing = CLOSING_QUOTES[trimmed[0] ?? ''];
  if (!closing || trimmed.length < 2 || !closing.includes(trimmed[trimmed.length - 1]!)) return trimmed;
  const inner = readQuoted(trimmed, 1, closing);
  return inner && inner.next === trimmed.length ? inner.value.trim() : trimmed;
}
