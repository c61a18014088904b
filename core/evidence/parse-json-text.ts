import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { findDuplicateJsonKey } from '../util/find-duplicate-json-key.js';

/**
 * The outcome of decoding and parsing a JSON file. A key repeated in one object makes the file
 * ambiguous (`JSON_DUPLICATE_KEY`): `pointer` names the repeated member, and `value` is what
 * JSON.parse made of it (last key wins), only for telling what the file claims to be.
 */
export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; code: 'JSON_SYNTAX'; message: string }
  | { ok: false; code: 'JSON_DUPLICATE_KEY'; message: string; pointer: string; value: unknown };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 (refusing invalid byte sequences) and parses JSON, with the line and column of a
 * syntax error in the message. Nesting depth is not limited here: V8 parses deep input without
 * recursion, and every evidence schema is closed, so deep nesting fails validation instead.
 * A key that appears twice in one object is refused, naming the key, where and both lines.
 */
export function parseJsonText(bytes: Uint8Array): JsonTextResult {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, code: 'JSON_SYNTAX', message: 'the file is not UTF-8 text; evidence reports are JSON documents' };
  }
  if (text.trim() === '') return { ok: false, code: 'JSON_SYNTAX', message: 'the file is empty; an evidence report is a JSON object' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'JSON_SYNTAX', message: `not valid JSON: ${describeSyntaxError(error, text)}` };
  }
  const duplicate = findDuplicateJsonKey(text, value);
  if (!duplicate) return { ok: true, value };
  const { key, objectPointer, firstOffset, offset } = duplicate;
  const at = lineAndColumn(text, offset);
  const first = lineAndColumn(text, firstOffset);
  const where = objectPointer === '' ? 'the top-level object' : `the object at ${objectPointer.slice(0, 300)}`;
  return {
    ok: false,
    code: 'JSON_DUPLICATE_KEY',
    message: `ambiguous JSON: the key ${JSON.stringify(key.slice(0, 100))} appears twice in ${where} (at line ${first.line}, column ${first.column} and again at line ${at.line}, column ${at.column}); JSON readers keep only one of the two values`,
    pointer: `${objectPointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    value,
  };
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
