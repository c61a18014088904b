import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildA11yOutcome } from '../../../../core/gates/a11y/build-a11y-outcome.js';
import { a11yFailures, evaluateA11y } from '../../../../core/gates/a11y/evaluate-a11y.js';
import { parseAxeResults } from '../../../../core/gates/a11y/parse-axe-results.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/a11y', name), 'utf8'));
const context = { subject: { repo: 'acme/web', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const run = parseAxeResults(fixture('axe-results.json'), 'axe-results.json');

describe('parseAxeResults', () => {
  it('makes each violating node a violation, with counts per page and the engine, browser and tags', () => {
    expect(run.pages).toEqual([
      { url: 'http://127.0.0.1:4173/checkout', counts: { critical: 1, serious: 2, moderate: 0, minor: 0 } },
      { url: 'http://127.0.0.1:4173/help', counts: { critical: 0, serious: 1, moderate: 0, minor: 2 } },
    ]);
    expect(run.version).toBe('4.14.1');
    expect(run.browser).toMatch(/^Mozilla\/5\.0 .*HeadlessChrome/);
    expect(run.tags).toEqual(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    expect(run.violations[0]).toEqual({ rule: 'image-alt', impact: 'critical', target: 'img[src$="logo.png"]', helpUrl: 'https://dequeuniversity.com/rules/axe/4.14/image-alt?application=axeAPI', page: 'http://127.0.0.1:4173/checkout', summary: 'Images must have alternative text' });
  });

  it('joins the selectors of a node inside a frame or shadow root', () => {
    expect(run.violations.find((v) => v.rule === 'frame-title')!.target).toBe('iframe#chat >>> #shadow-host button');
  });

  it('counts a node of unknown impact as critical, so it cannot pass', () => {
    const odd = parseAxeResults({ violations: [{ id: 'x', impact: 'severe', nodes: [{ target: ['a'] }] }] }, 'r.json');
    expect(odd.pages[0]!.counts.critical).toBe(1);
  });

  it.each([
    [{ passes: [] }, /axe results r\.json has no violations array, so it is not axe-core results \(at \/violations\)/],
    [[], /holds 0 page results/],
    [{ violations: [{ impact: 'minor' }] }, /has a violation without an id and nodes \(at \/violations\/0\)/],
  ])('refuses %j', (doc, message) => {
    expect(() => parseAxeResults(doc, 'r.json')).toThrow(message);
  });
});

describe('evaluateA11y and the thresholds', () => {
  it('fails on a critical violation and on more minor ones than allowed', () => {
    const data = evaluateA11y(run);
    expect(data.counts).toEqual({ critical: 1, serious: 3, moderate: 0, minor: 2 });
    expect(a11yFailures(data, { critical: 0, minor: 4 })).toEqual(['1 critical (at most 0)']);
    expect(a11yFailures(data, { critical: 1, minor: 1 })).toEqual(['2 minor (at most 1)']);
    expect(a11yFailures(data, { critical: 1 })).toEqual([]);
  });

  it("counts only violations absent from the base branch's, matched by page path, rule and target", () => {
    const data = evaluateA11y(run, { ref: 'refs/heads/main', violations: parseAxeResults(fixture('base-axe-results.json'), 'base.json').violations });
    expect(data.baseline).toEqual({ ref: 'refs/heads/main', newCounts: { critical: 0, serious: 2, moderate: 0, minor: 2 } });
    expect(data.violations.filter((v) => !v.new).map((v) => `${v.rule} ${v.target}`)).toEqual(['image-alt img[src$="logo.png"]', 'color-contrast .muted']);
    expect(a11yFailures(data, { critical: 0, minor: 4 })).toEqual([]);
  });
});

describe('buildA11yOutcome', () => {
  it('annotates the violations of the impacts over their threshold and renders the counts and links', () => {
    const outcome = buildA11yOutcome(evaluateA11y(run), { critical: 0, minor: 4 }, context);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.headline).toBe('accessibility thresholds not met: 1 critical (at most 0)');
    expect(outcome.annotations).toEqual([{ level: 'error', title: 'a11y critical: image-alt', message: 'Images must have alternative text at img[src$="logo.png"] on http://127.0.0.1:4173/checkout (https://dequeuniversity.com/rules/axe/4.14/image-alt?application=axeAPI)' }]);
    expect(outcome.markdown).toContain('[image-alt](https://dequeuniversity.com/rules/axe/4.14/image-alt?application=axeAPI)');
    expect(outcome.outputs).toEqual({ critical: '1', serious: '3', moderate: '0', minor: '2' });
  });
});
