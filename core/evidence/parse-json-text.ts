import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** The outcome of decoding and parsing a JSON file. */
export type JsonTextResult = { ok: true; value: unknown } | { ok: false; code: 'JSON_SYNTAX'; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 (refusing invalid byte sequences) and parses JSON, with the line and column of a
 * syntax error in the message. Nesting depth is not limited here: V8 parses deep input without
 * recursion, and every evidence schema is closed, so deep nesting fails validation instead.
 */
export function parseJsonText(bytes: Uint8Array): JsonTextResult {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, code: 'JSON_SYNTAX', message: 'the file is not UTF-8 text; evidence reports are JSON documents' };
  }
  if (text.trim() === '') return { ok: false, code: 'JSON_SYNTAX', message: 'the file is empty; an evidence report is a JSON object' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, code: 'JSON_SYNTAX', message: `not valid JSON: ${describeSyntaxError(error, text)}` };
  }
}

/** Locates the first syntax error with a strict tolerant parser, only after JSON.parse has failed. */
function describeSyntaxError(error: unknown, text: string): string {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return error instanceof Error ? error.message.slice(0, 120) : 'syntax error';
  const { line, column } = lineAndColumn(text, first.offset);
  return `${words(printParseErrorCode(first.error))} at line ${line}, column ${column}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: offset - lastBreak };
}

/** `CloseBraceExpected` -> `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
