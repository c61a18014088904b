import { getAtPointer } from '../util/json-pointer.js';
import type { SchemaError } from './validator.js';

/** A schema problem: a JSON pointer into the file and a message. */
export interface SchemaIssue {
  pointer: string;
  message: string;
}

/** At most this many issues are reported per document: enough to fix it, bounded for hostile input. */
export const MAX_ISSUES = 20;

/** Keywords whose errors only say "a branch failed"; their branches' own errors say why. */
const WRAPPERS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'not', '$ref', 'then', 'else']);

/**
 * Turns schema errors into readable issues: a JSON pointer plus a sentence that says what is
 * wrong with the value found, never ajv's internal schema path.
 */
export function toSchemaIssues(
  errors: readonly SchemaError[],
  document: unknown,
  annotate?: (error: SchemaError) => string | undefined,
): SchemaIssue[] {
  // A bad property name yields the name's own error (at the parent, with the parent as value) and a
  // propertyNames error naming the key; only the second reads correctly.
  const specific = errors.filter((e) => !WRAPPERS.has(e.keyword) && !e.schemaPath.includes('/propertyNames/'));
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of chosen) {
    const issue = describe(error, document);
    const note = annotate?.(error);
    if (note) issue.message += ` ${note}`;
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
    if (issues.length === MAX_ISSUES) break;
  }
  return issues;
}

function describe(error: SchemaError, document: unknown): SchemaIssue {
  const p = error.params;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${at}/${escapeToken(String(p.missingProperty))}`, message: `required field "${String(p.missingProperty)}" is missing` };
    case 'additionalProperties':
      return { pointer: `${at}/${escapeToken(String(p.additionalProperty))}`, message: `unknown field "${String(p.additionalProperty)}"` };
    case 'unevaluatedProperties':
      return { pointer: `${at}/${escapeToken(String(p.unevaluatedProperty))}`, message: `unknown field "${String(p.unevaluatedProperty)}"` };
    case 'propertyNames':
      return { pointer: `${at}/${escapeToken(String(p.propertyName))}`, message: `"${String(p.propertyName)}" is not an allowed name here` };
    case 'type':
      return { pointer: at, message: `must be ${article(String(p.type))}, found ${typeName(getAtPointer(document, at))}` };
    case 'enum':
      return { pointer: at, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${preview(getAtPointer(document, at))}` };
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(p.allowedValue)}, found ${preview(getAtPointer(document, at))}` };
    case 'pattern':
      return { pointer: at, message: `${preview(getAtPointer(document, at))} does not have the expected form (${String(p.pattern)})` };
    case 'format':
      return { pointer: at, message: `${preview(getAtPointer(document, at))} is not a valid ${String(p.format)}` };
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return { pointer: at, message: `is ${preview(getAtPointer(document, at))}, must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'multipleOf':
      return { pointer: at, message: `is ${preview(getAtPointer(document, at))}, must be a multiple of ${String(p.multipleOf)}` };
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties':
      return { pointer: at, message: `has ${sizeOf(getAtPointer(document, at))}, must have at most ${String(p.limit)}` };
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return { pointer: at, message: `has ${sizeOf(getAtPointer(document, at))}, must have at least ${String(p.limit)}` };
    default:
      return { pointer: at, message: error.message ?? `fails the ${error.keyword} rule` };
  }
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'integer' || t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`));
  return words.join(' or ');
}

/** The JSON type of a value, as named in messages. */
export function typeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === 'string') return `the string ${preview(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** A short, single-line rendering of a value for messages (hostile strings are cut, not echoed whole). */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) {
    const inline = value.length <= 5 && value.every((v) => v === null || typeof v !== 'object') ? JSON.stringify(value) : undefined;
    return inline !== undefined && inline.length <= 80 ? inline : `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}

function sizeOf(value: unknown): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (typeof value === 'string') return plural([...value].length, 'character');
  if (Array.isArray(value)) return plural(value.length, 'item');
  if (value !== null && typeof value === 'object') return plural(Object.keys(value).length, 'field');
  return typeName(value);
}
