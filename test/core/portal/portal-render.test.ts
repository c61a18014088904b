import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { CLIENT_SCRIPT } from '../../../core/portal/client-script.js';
import { esc, href } from '../../../core/portal/escape-html.js';
import { formatUtc, timeTag } from '../../../core/portal/format-utc.js';
import { parseWaiver } from '../../../core/portal/read-decision-log.js';
import { niceMax, renderChart } from '../../../core/portal/render-chart.js';
import { renderPage } from '../../../core/portal/render-layout.js';
import { renderPullsTable } from '../../../core/portal/render-release-tables.js';
import { releaseUrl, shellWord } from '../../../core/portal/render-verify-box.js';
import { toControlRows } from '../../../core/portal/to-control-rows.js';
import type { DecisionLog } from '../../../core/portal/read-decision-log.js';
import type { Control } from '../../../core/controls/types.js';

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> [a](javascript:alert(2)) '"\`&amp;`;

describe('esc', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    [`"'\``, '&quot;&#39;&#96;'],
    ['&amp;', '&amp;amp;'],
    [undefined, ''],
    [42, '42'],
  ])('%p -> %p', (input, output) => expect(esc(input)).toBe(output));

  it('leaves no character that opens a tag or leaves an attribute', () => {
    expect(esc(HOSTILE)).not.toMatch(/[<>"'`]/);
  });
});

describe('href', () => {
  it('percent-encodes every segment, a colon too, so no segment becomes a scheme', () => {
    expect(href('bundles/v1.0.0+build', 'a b/c.json')).toBe('bundles/v1.0.0%2Bbuild/a%20b/c.json');
    expect(href('javascript:alert(1)')).toBe('javascript%3Aalert(1)');
    expect(href('"><script>')).toBe('%22%3E%3Cscript%3E');
  });
});

describe('formatUtc', () => {
  it.each([
    ['2026-11-20T12:00:00Z', '2026-11-20 12:00:00 UTC'],
    ['2026-11-20T14:30:00+02:00', '2026-11-20 12:30:00 UTC'],
    ['2026-11-20T12:00:00.999Z', '2026-11-20 12:00:00 UTC'],
    ['not a time', 'not a time'],
    [undefined, ''],
  ])('%p -> %p', (input, output) => expect(formatUtc(input)).toBe(output));

  it('tags the time with its machine value and escapes what is no time', () => {
    expect(timeTag('2026-11-20T14:30:00+02:00')).toBe('<time datetime="2026-11-20T12:30:00.000Z">2026-11-20 12:30:00 UTC</time>');
    expect(timeTag('<b>')).toBe('&lt;b&gt;');
  });
});

describe('renderPage', () => {
  it('carries the language, the policy, an escaped title and the script from the site only', () => {
    const html = renderPage({ title: HOSTILE, depth: 2, body: '<p>x</p>', builtAt: '2026-11-20T12:00:00Z' });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`<title>${esc(HOSTILE)}</title>`);
    expect(html).toContain('<script src="../../assets/portal.js" defer></script>');
    expect(html).toContain("content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'\"");
    expect(html).toContain('on 2026-11-20 12:00:00 UTC');
  });
});

describe('renderPullsTable', () => {
  it('shows hostile titles, reasons and logins as text', () => {
    const html = renderPullsTable([{ number: 7, title: HOSTILE, author: HOSTILE, waivers: [{ control: 'GA-25', by: 'bob', until: '2026-12-31', reason: HOSTILE }], override: { by: 'carol', reason: HOSTILE, at: '2026-11-01T00:00:00Z' }, conclusion: 'success', evaluations: 1, decisionLog: 'bundles/v1/pack/pulls/7/x.json' }], (p) => `../../${href(p)}`, HOSTILE);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html.split(esc(HOSTILE)).length - 1).toBe(5);
    expect(html).toContain('<a href="../../bundles/v1/pack/pulls/7/x.json">decision log</a>');
  });
});

describe('renderChart', () => {
  const chart = renderChart({ id: 'c1', type: 'line', title: 'p95 <ms>', desc: 'what it shows', labels: ['v1', 'v2', 'v3'], series: [{ name: 'p95', values: [300, null, 340], tone: 1 }], bound: { name: 'bound', values: [350, 350, 350] }, unit: ' ms' });

  it('is an image with a title and a description, and its numbers are in a table', () => {
    expect(chart).toContain('<svg viewBox="0 0 640 240" role="img" aria-labelledby="c1-t c1-d" focusable="false"><title id="c1-t">p95 &lt;ms&gt;</title><desc id="c1-d">what it shows</desc>');
    expect(chart).toContain('<tr><th scope="row">v2</th><td>no data</td><td>350 ms</td></tr>');
  });

  it('breaks the line where a release has no value, and draws the bound dashed', () => {
    expect(chart.match(/<polyline class="line tone-1"/g)).toHaveLength(2);
    expect(chart.match(/<polyline class="bound"/g)).toHaveLength(1);
    expect(chart.match(/<circle /g)).toHaveLength(2);
  });

  it.each([[0, 1], [0.3, 0.5], [1, 1], [3, 5], [11, 20], [240, 250], [351, 500], [1001, 2000]])('niceMax(%p) = %p', (v, m) => expect(niceMax(v)).toBe(m));
});

describe('the client script', () => {
  /** The script run against an empty page, as a browser without WebCrypto runs it. */
  function load(): { sha256js: (b: Uint8Array) => string } {
    const window: Record<string, any> = {};
    runInNewContext(CLIENT_SCRIPT, { window, document: { querySelectorAll: () => [] }, Uint8Array, Uint32Array, DataView, Math, Promise, Array });
    return window.maestroPortal;
  }

  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_000])('computes the sha256 of %i bytes as node:crypto does', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) % 256);
    expect(load().sha256js(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('writes with textContent only, never HTML', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });
});

describe('parseWaiver', () => {
  it('reads who, until when and why from the engine\'s sentence, a reason with parentheses too', () => {
    expect(parseWaiver('GA-25', 'Waived by @alice until 2026-12-31 (reason: vendor fix (ticket 12) pending). Without the waiver the result would be fail. more')).toEqual({ control: 'GA-25', by: 'alice', until: '2026-12-31', reason: 'vendor fix (ticket 12) pending' });
    expect(parseWaiver('GA-25', 'met')).toBeUndefined();
  });
});

describe('toControlRows', () => {
  const control = (id: string, requiredForRelease = false): Control => ({ id, title: `title ${id}`, priority: 'P0', blocking: true, description: 'd'.repeat(10), tags: [], frameworks: { soc2: ['CC8.1'], iso27001: ['A.8.32'], ssdf: ['PW.8'] }, applies: { always: true }, evidence: [], source: `${id}.yml`, requiredForRelease });
  const log = (override?: DecisionLog['override']): DecisionLog => ({
    subject: { repo: 'acme/web', sha: 'c'.repeat(40) }, checkName: 'Gate', conclusion: 'success', evaluatedAt: '2026-11-20T11:00:00Z', catalogDigest: 'd'.repeat(64), ...(override ? { override } : {}),
    decisions: [
      { decisionId: 'dec_1', ruleId: 'GA-01', result: 'pass', explanation: 'met' },
      { decisionId: 'dec_2', ruleId: 'GA-02', result: 'waived', explanation: 'Waived by @bob until 2026-12-01 (reason: later). Without the waiver the result would be fail. x' },
      { decisionId: 'dec_3', ruleId: 'GA-03', result: 'fail', explanation: 'broken' },
      { decisionId: 'dec_4', ruleId: 'GA-03/a11y', result: 'fail', explanation: 'requirement' },
      { decisionId: 'dec_5', ruleId: 'GA-04', result: 'not-applicable', explanation: 'no' },
    ],
  });
  const controls = ['GA-01', 'GA-02', 'GA-03', 'GA-04', 'GA-05'].map((id) => control(id));

  it('maps each decision to a status with who decided, when and why', () => {
    expect(toControlRows(controls, log()).map((r) => [r.id, r.status, r.by, r.at, r.why, r.until])).toEqual([
      ['GA-01', 'met', 'Gate', '2026-11-20T11:00:00Z', 'met', undefined],
      ['GA-02', 'waived', 'bob', '2026-11-20T11:00:00Z', 'later', '2026-12-01'],
      ['GA-03', 'failed', 'Gate', '2026-11-20T11:00:00Z', 'broken', undefined],
      ['GA-04', 'not-applicable', 'Gate', '2026-11-20T11:00:00Z', 'no', undefined],
      ['GA-05', 'no-decision', undefined, undefined, 'The release\'s gate did not decide this control (not in its catalog or config).', undefined],
    ]);
  });

  it('shows a failing control under an applied override as overridden by its author, and the bundle\'s override of required controls', () => {
    const rows = toControlRows(controls, log({ by: 'carol', reason: 'outage', at: '2026-11-20T10:00:00Z', state: 'applied', wouldBe: 'failure' }), { by: 'rm', reason: 'ship', at: '2026-11-20T12:00:00Z', controls: ['GA-05'] });
    expect(rows.filter((r) => r.status === 'overridden').map((r) => [r.id, r.by, r.why])).toEqual([['GA-03', 'carol', 'outage (the control was fail: broken)'], ['GA-05', 'rm', 'Published without this required control\'s evidence: ship']]);
  });

  it('says so when the bundle holds no decision log of the release', () => {
    expect(toControlRows([control('GA-01', true)], undefined)).toEqual([expect.objectContaining({ status: 'no-decision', requiredForRelease: true, why: 'No decision log of the release commit is in the bundle.' })]);
  });
});

describe('releaseUrl and shellWord', () => {
  it.each([
    ['file:///srv/store', 'v1.2.0', 'file:///srv/store/v1.2.0'],
    ['s3://bucket/web?region=eu-west-1', 'v1.2.0', 's3://bucket/web/v1.2.0?region=eu-west-1'],
    ['file:///srv/store/', 'v1/rc1', 'file:///srv/store/v1/rc1'],
  ])('%s + %s', (store, tag, url) => expect(releaseUrl(store, tag)).toBe(url));

  it('quotes words a shell would read otherwise', () => {
    expect(shellWord('bundles/v1.2.0')).toBe('bundles/v1.2.0');
    expect(shellWord("s3://b/p?region=x&y=it's")).toBe("'s3://b/p?region=x&y=it'\\''s'");
  });
});
