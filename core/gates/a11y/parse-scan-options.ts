import { MaestroError } from '../../errors.js';

/** When a page counts as loaded before the wait selector and the scan (Playwright's load states). */
export const LOAD_STATES = ['load', 'domcontentloaded', 'networkidle', 'commit'] as const;

/** One of {@link LOAD_STATES}. */
export type LoadState = (typeof LOAD_STATES)[number];

/** The browser scan's settings as given on the command line or as action inputs (strings, unchecked). */
export interface ScanOptionsInput {
  urls: string[];
  allowHosts: string[];
  headers: string[];
  cookies: string[];
  waitUntil?: string;
  pageTimeout?: string;
}

/** The browser scan's settings, checked. */
export interface ScanSettings {
  urls: URL[];
  headers: Record<string, string>;
  cookies: Array<{ name: string; value: string }>;
  waitUntil: LoadState;
  timeoutMs: number;
}

const MAX_URLS = 200;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/;

/**
 * Checks the browser scan's settings before a browser starts: only http(s) URLs, each on an allowed
 * host when an allow-list is given (the scan must not be pointed at internal hosts by a stray input),
 * well-formed `Name: value` headers and `name=value` cookies, a known load state and a timeout in ms.
 */
export function parseScanOptions(input: ScanOptionsInput): ScanSettings {
  if (input.urls.length === 0 || input.urls.length > MAX_URLS) throw usage(`--url is given ${input.urls.length} times; the scan takes 1 to ${MAX_URLS} pages`, 'pass each page to check with --url.');
  const allowed = input.allowHosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  const urls = input.urls.map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw usage(`--url ${JSON.stringify(text.slice(0, 200))} is not a URL`, 'pass an absolute http:// or https:// URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`--url ${JSON.stringify(text.slice(0, 200))} is not http or https`, 'only web pages are scanned: pass an http:// or https:// URL.');
    if (allowed.length > 0 && !allowed.includes(url.hostname.toLowerCase()) && !allowed.includes(url.host.toLowerCase())) {
      throw usage(`--url ${JSON.stringify(text.slice(0, 200))} is on the host ${url.host}, which is not in --allow-host (${allowed.join(', ')})`, 'scan only the hosts you allow, or add this host to --allow-host.');
    }
    return url;
  });
  const headers: Record<string, string> = {};
  for (const header of input.headers) {
    const [, name = '', value = ''] = /^([^:]+):\s*(.*)$/s.exec(header) ?? [];
    if (!HEADER_NAME.test(name.trim()) || /[\r\n\0]/.test(value)) throw usage(`--header ${JSON.stringify(header.slice(0, 100))} is not "Name: value"`, 'pass one header per --header, such as "Authorization: Bearer $TOKEN".');
    headers[name.trim()] = value.trim();
  }
  const cookies = input.cookies.map((cookie) => {
    const at = cookie.indexOf('=');
    const name = cookie.slice(0, at).trim();
    const value = cookie.slice(at + 1).trim();
    if (at < 1 || !COOKIE_NAME.test(name) || /[;\r\n\0]/.test(value)) throw usage(`--cookie ${JSON.stringify(cookie.slice(0, 100))} is not "name=value"`, 'pass one cookie per --cookie, such as "session=abc"; it is set on every scanned URL\'s host.');
    return { name, value };
  });
  const waitUntil = input.waitUntil ?? 'load';
  if (!(LOAD_STATES as readonly string[]).includes(waitUntil)) throw usage(`--wait-until ${JSON.stringify(waitUntil.slice(0, 40))} is not a load state`, `pass one of ${LOAD_STATES.join(', ')}.`);
  const timeout = input.pageTimeout ?? '30000';
  if (!/^\d{1,7}$/.test(timeout) || Number(timeout) < 100) throw usage(`--page-timeout ${JSON.stringify(timeout.slice(0, 20))} is not a number of milliseconds from 100`, 'pass the milliseconds a page may take to load and be scanned, such as 30000.');
  return { urls, headers, cookies, waitUntil: waitUntil as LoadState, timeoutMs: Number(timeout) };
}

function usage(message: string, remedy: string): MaestroError {
  return new MaestroError('USAGE', message, { remedy });
}
