import { describe, expect, it } from '@jest/globals';
import { renderBadgeSvg } from '../../../core/scoreboard/render-badge-svg.js';
import { toShieldsEndpoint } from '../../../core/scoreboard/to-shields-endpoint.js';
import type { Score } from '../../../core/scoreboard/types.js';

const score = (passed: number, merged: number): Score => ({ repo: 'acme/web', merged, passed, passedWithWaivers: 0, overridden: 0, failed: merged - passed, missing: 0, share: merged === 0 ? null : passed / merged });

describe('toShieldsEndpoint', () => {
  it.each([
    [score(100, 100), '100% of 100', 'brightgreen'],
    [score(995, 1000), '99.5% of 1000', 'brightgreen'],
    [score(299, 300), '99.6% of 300', 'brightgreen'],
    [score(19, 20), '95% of 20', 'brightgreen'],
    [score(9, 10), '90% of 10', 'green'],
    [score(3, 4), '75% of 4', 'yellowgreen'],
    [score(1, 2), '50% of 2', 'orange'],
    [score(0, 3), '0% of 3', 'red'],
    [score(0, 0), 'no merges', 'lightgrey'],
  ])('shows %j as %s in %s, never rounding up', (s, message, color) => {
    expect(toShieldsEndpoint(s)).toEqual({ schemaVersion: 1, label: 'evidence', message, color, cacheSeconds: 3600 });
  });

  it('rounds 99.96% down to 99.9%, not up to 100%', () => {
    expect(toShieldsEndpoint(score(9996, 10000)).message).toBe('99.9% of 10000');
  });
});

describe('renderBadgeSvg', () => {
  it('draws the endpoint badge as an SVG with its text as the accessible label', () => {
    const svg = renderBadgeSvg(toShieldsEndpoint(score(9, 10)));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="evidence: 90% of 10"');
    expect(svg).toContain('fill="#67ac09"');
  });

  it('escapes a hostile label instead of injecting markup', () => {
    const svg = renderBadgeSvg({ ...toShieldsEndpoint(score(1, 1)), label: '<script>alert(1)</script>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
