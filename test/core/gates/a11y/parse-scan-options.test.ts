import { describe, expect, it } from '@jest/globals';
import { parseScanOptions, type ScanOptionsInput } from '../../../../core/gates/a11y/parse-scan-options.js';
import { resolveBrowserPath } from '../../../../core/gates/a11y/resolve-browser-path.js';

const input = (over: Partial<ScanOptionsInput>): ScanOptionsInput => ({ urls: ['https://app.example/'], allowHosts: [], headers: [], cookies: [], ...over });

describe('parseScanOptions', () => {
  it('takes http(s) URLs on allowed hosts, headers, cookies, the load state and the timeout', () => {
    const settings = parseScanOptions(input({ urls: ['https://app.example/a', 'http://127.0.0.1:8080/b'], allowHosts: ['app.example', '127.0.0.1:8080'], headers: ['Authorization: Bearer x:y'], cookies: ['session=a=b'], waitUntil: 'networkidle', pageTimeout: '5000' }));
    expect(settings.urls.map((u) => u.href)).toEqual(['https://app.example/a', 'http://127.0.0.1:8080/b']);
    expect(settings).toMatchObject({ headers: { Authorization: 'Bearer x:y' }, cookies: [{ name: 'session', value: 'a=b' }], waitUntil: 'networkidle', timeoutMs: 5000 });
  });

  it('defaults to the load event and 30 s per page', () => {
    expect(parseScanOptions(input({}))).toMatchObject({ waitUntil: 'load', timeoutMs: 30000 });
  });

  it.each([
    [{ urls: [] }, /takes 1 to 200 pages/],
    [{ urls: ['not a url'] }, /is not a URL/],
    [{ urls: ['javascript:alert(1)'] }, /is not http or https/],
    [{ allowHosts: ['other.example'] }, /not in --allow-host \(other\.example\)/],
    [{ headers: ['NoColon'] }, /is not "Name: value"/],
    [{ headers: ['Bad Name: x'] }, /is not "Name: value"/],
    [{ cookies: ['=x'] }, /is not "name=value"/],
    [{ cookies: ['a=b; Path=/'] }, /is not "name=value"/],
    [{ waitUntil: 'idle' }, /is not a load state/],
    [{ pageTimeout: '50' }, /is not a number of milliseconds/],
  ])('refuses %j as a usage error', (over, message) => {
    expect(() => parseScanOptions(input(over))).toThrow(message);
  });
});

describe('resolveBrowserPath', () => {
  it.each([
    ['/opt/chrome', {}, [], '/opt/chrome'],
    [undefined, { CHROME_BIN: '/usr/bin/google-chrome-beta' }, ['/usr/bin/google-chrome-beta'], '/usr/bin/google-chrome-beta'],
    [undefined, { CHROME_BIN: '/missing' }, ['/usr/bin/google-chrome'], '/usr/bin/google-chrome'],
    [undefined, {}, ['/usr/bin/chromium'], '/usr/bin/chromium'],
    [undefined, {}, [], '/usr/bin/chromium'],
  ] as Array<[string | undefined, Record<string, string>, string[], string]>)('given %s, env %j and existing %j, launches %s', (given, env, existing, expected) => {
    expect(resolveBrowserPath(given, env, (p) => existing.includes(p))).toBe(expected);
  });
});
