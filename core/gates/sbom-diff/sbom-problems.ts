import { MaestroError } from '../../errors.js';

/** How many problems one SBOM_INVALID error lists: enough to fix a generator bug, short enough to read. */
export const MAX_LISTED_PROBLEMS = 20;

/** Longest name, version or license text accepted: real ones are short, and reports quote them. */
export const MAX_SBOM_TEXT = 1000;

/** What the fix usually is when a field has the wrong shape. */
export const FIX_FORMAT = 'fix the SBOM so that it matches its format (regenerate it with a current cyclonedx-npm, npm sbom or syft).';

/** A JSON object of the document. */
export type Json = Record<string, unknown>;

interface Problem {
  pointer: string;
  what: string;
  remedy: string;
}

/**
 * The problems found in one SBOM. Checks go on after a problem, so that one error lists them all
 * (up to MAX_LISTED_PROBLEMS, then the read stops); pointers are only built for a problem, never
 * on the way, as the checks run for every field of every component.
 */
export class SbomProblems {
  private readonly found: Problem[] = [];

  constructor(readonly file: string) {}

  /** Records a problem at `pointer`; stops the read once the list is full. */
  add(pointer: string, what: string, remedy: string = FIX_FORMAT): void {
    this.found.push({ pointer, what, remedy });
    if (this.found.length >= MAX_LISTED_PROBLEMS) throw this.error(true);
  }

  /** Records a problem that ends the read, and throws. */
  fail(pointer: string, what: string, remedy: string = FIX_FORMAT): never {
    this.found.push({ pointer, what, remedy });
    throw this.error(false);
  }

  /** Throws SBOM_INVALID when any problem was found. */
  throwIfAny(): void {
    if (this.found.length > 0) throw this.error(false);
  }

  private error(truncated: boolean): MaestroError {
    const [first, ...rest] = this.found as [Problem, ...Problem[]];
    const line = (p: Problem) => `${p.pointer ? `at ${p.pointer} ` : ''}${p.what}`;
    const more = rest.length === 0 ? '' : `\n  and ${rest.length}${truncated ? ' more (reading stopped there)' : ' more'}:${rest.map((p) => `\n  - ${line(p)}`).join('')}`;
    return new MaestroError('SBOM_INVALID', `SBOM ${this.file} ${line(first)}${more}`, { file: this.file, pointer: first.pointer, remedy: first.remedy });
  }
}

/** A JSON pointer token (RFC 6901): `~` and `/` escaped. */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const QUALIFIER = '[A-Za-z.\\-_][A-Za-z0-9.\\-_]*=[^\\s&#]+';
/**
 * A package URL (purl spec): `pkg:type/namespace/name@version?qualifiers#subpath`, a type that does
 * not start with a digit, a non-empty name, key=value qualifiers and no raw whitespace. Only
 * character classes, each excluding the separator that follows, so the match never backtracks
 * more than one character; percent-encoding is checked apart, and only when a `%` is present.
 */
const PURL = new RegExp(`^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*/[^\\s?#@]*[^\\s/?#@](?:@[^\\s?#]+)?(?:\\?${QUALIFIER}(?:&${QUALIFIER})*)?(?:#\\S*)?$`);
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** True for a well-formed package URL. */
export function isPurl(value: string): boolean {
  return PURL.test(value) && (!value.includes('%') || !BAD_ESCAPE.test(value));
}

const LICENSE_TOKEN = /\s*(\(|\)|[A-Za-z0-9.:+-]+)/y;
const LICENSE_REF = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
const LICENSE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*\+?$/;

/**
 * Why `expression` is not an SPDX license expression (SPDX 2.3 annex D), or undefined when it is:
 * license ids or LicenseRefs joined by AND, OR and WITH (an exception id after WITH), with balanced
 * parentheses. Ids are not looked up: expressions may name deprecated ids and LicenseRefs.
 */
export function licenseExpressionError(expression: string): string | undefined {
  // Components repeat a few expressions ("(MIT OR Apache-2.0)"): a string compare skips the tokenizer.
  if (expression === lastValidExpression) return undefined;
  const error = expressionError(expression);
  if (error === undefined) lastValidExpression = expression;
  return error;
}

let lastValidExpression = '';

function expressionError(expression: string): string | undefined {
  LICENSE_TOKEN.lastIndex = 0;
  let depth = 0;
  let expectOperand = true;
  let afterWith = false;
  let position = 0;
  let match: RegExpExecArray | null;
  while ((match = LICENSE_TOKEN.exec(expression)) !== null) {
    position = LICENSE_TOKEN.lastIndex;
    const token = match[1]!;
    const upper = token.toUpperCase();
    if (token === '(') {
      if (!expectOperand || afterWith) return 'has "(" where an operator is expected';
      depth++;
    } else if (token === ')') {
      if (expectOperand || depth === 0) return 'has an unbalanced or misplaced ")"';
      depth--;
    } else if (upper === 'AND' || upper === 'OR' || upper === 'WITH') {
      if (expectOperand) return `has ${token} where a license is expected`;
      expectOperand = true;
      afterWith = upper === 'WITH';
    } else {
      if (!expectOperand) return `has "${token.slice(0, 40)}" where AND, OR or WITH is expected`;
      if (!LICENSE_REF.test(token) && !LICENSE_ID.test(token)) return `has "${token.slice(0, 40)}", which is no license id or LicenseRef`;
      expectOperand = false;
      afterWith = false;
    }
  }
  // A failed sticky match resets lastIndex, hence the position kept above.
  if (expression.slice(position).trim() !== '') return `has an unexpected character at position ${position + 1 + (expression.slice(position).length - expression.slice(position).trimStart().length)}`;
  if (expectOperand) return 'ends where a license is expected';
  if (depth !== 0) return 'has unbalanced parentheses';
  return undefined;
}

/**
 * A key for JSON Schema equality (`uniqueItems`): the same for deep-equal values whatever the order
 * of their keys. Only built for items that no cheaper identity (a bom-ref) tells apart.
 */
export function canonicalJson(value: unknown, skipKey?: string): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (!isObject(v)) return v;
    const sorted: Json = {};
    for (const k of Object.keys(v).sort()) if (!(key === '' && k === skipKey)) sorted[k] = v[k];
    return sorted;
  });
}

/**
 * A set of allowed string values that remembers the last value it accepted. Every string the JSON
 * parser makes is a new, unhashed string; comparing with the last accepted one (usually the same
 * text, "library" or "SHA-512" for most components) costs a short compare instead of hashing it.
 */
export class StringEnum {
  private readonly values: Set<string>;
  private last = '\u0000';

  constructor(values: Iterable<string>) {
    this.values = new Set(values);
  }

  /** True when `value` is one of the allowed strings. */
  has(value: unknown): value is string {
    if (value === this.last) return true;
    if (typeof value !== 'string' || !this.values.has(value)) return false;
    this.last = value;
    return true;
  }

  /** The allowed values, for a message. */
  list(): string {
    return [...this.values].join(', ');
  }
}
