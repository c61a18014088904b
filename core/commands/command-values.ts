import { truncate } from '../util/escape-markdown.js';
import { unquote } from './tokenize-arguments.js';

/** A value checked for form, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The longest reason a waiver or override keeps, in characters (Unicode code points). */
export const MAX_REASON_LENGTH = 1000;

/** A piece of user text quoted in an error message: short, so messages stay small. */
export function quoteFragment(text: string): string {
  return `"${truncate(text, 60)}"`;
}

/**
 * A GitHub login (`@octocat` or `octocat`): 1-39 letters, digits and hyphens, not starting with a
 * hyphen. Teams (`@org/team`) cannot be assignees and are refused with that reason.
 */
export function checkLogin(token: string): Checked<string> {
  const login = token.startsWith('@') ? token.slice(1) : token;
  if (isLogin(login)) return { ok: true, value: login };
  const slash = login.indexOf('/');
  const team = slash > 0 && isLogin(login.slice(0, slash)) && login.length > slash + 1;
  return { ok: false, message: team ? `${quoteFragment(token)} is a team; assign people by their login` : `${quoteFragment(token)} is not a GitHub login` };
}

function isLogin(login: string): boolean {
  return login.length >= 1 && login.length <= 39 && login[0] !== '-' && [...login].every((c) => isAsciiAlphanumeric(c) || c === '-');
}

/**
 * A control id as the catalog writes it (`GA-25`): letters and digits, a hyphen, 2-4 digits. Typed
 * in any case and with one digit (`ga-8`), it is normalised (`GA-08`).
 */
export function checkControlId(token: string): Checked<string> {
  const dash = token.indexOf('-');
  const prefix = token.slice(0, dash).toUpperCase();
  const digits = token.slice(dash + 1);
  const prefixValid = dash >= 1 && dash <= 10 && prefix[0]! >= 'A' && prefix[0]! <= 'Z' && [...prefix].every(isAsciiAlphanumeric);
  const digitsValid = digits.length >= 1 && digits.length <= 4 && [...digits].every(isAsciiDigit);
  if (!prefixValid || !digitsValid) return { ok: false, message: `${quoteFragment(token)} is not a control id (such as GA-25)` };
  return { ok: true, value: `${prefix}-${digits.padStart(2, '0')}` };
}

/** A calendar date written `YYYY-MM-DD` (2000-2999), such as a waiver's last day. */
export function checkDate(token: string): Checked<string> {
  const invalid: Checked<string> = { ok: false, message: `${quoteFragment(token)} is not a date written YYYY-MM-DD` };
  if (token.length !== 10 || token[4] !== '-' || token[7] !== '-') return invalid;
  const parts = [token.slice(0, 4), token.slice(5, 7), token.slice(8, 10)];
  if (!parts.every((p) => [...p].every(isAsciiDigit))) return invalid;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (year < 2000 || year > 2999 || month < 1 || month > 12) return invalid;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { ok: false, message: `${quoteFragment(token)} is not a day of the calendar` };
  return { ok: true, value: token };
}

/**
 * The reason of a waiver or override: the rest of the line after `reason:`, trimmed, without one
 * pair of surrounding quotes, in Unicode NFC; required and at most `MAX_REASON_LENGTH` characters.
 */
export function checkReason(text: string | undefined): Checked<string> {
  if (text === undefined) return { ok: false, message: 'a reason is required: end the line with reason: <text>' };
  const reason = unquote(text).normalize('NFC');
  if (reason === '') return { ok: false, message: 'the reason is empty: write why after reason:' };
  const length = [...reason].length;
  if (length > MAX_REASON_LENGTH) return { ok: false, message: `the reason is ${length} characters long; at most ${MAX_REASON_LENGTH}` };
  return { ok: true, value: reason };
}

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isAsciiAlphanumeric(c: string): boolean {
  return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
