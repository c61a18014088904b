import { describe, expect, it } from '@jest/globals';
import type { DriftChange, DriftResult } from '../../../core/drift/types.js';
import { renderDriftReport } from '../../../core/render/render-drift-report.js';

const result = (changes: DriftChange[], status: DriftResult['status'] = 'drift'): DriftResult => ({ status, missingJobs: [], template: { source: 'acme/ci-templates', version: '2.1.0' }, changes });

describe('renderDriftReport', () => {
  it('says a clean repository has everything of the template', () => {
    expect(renderDriftReport(result([], 'clean'), 'acme/web')).toBe('### ✅ no drift: acme/web\n\nTemplate `acme/ci-templates` at `2.1.0`.\n\nThe workflows have every trigger, job, step, action reference and permission of the template.\n');
  });

  it('escapes workflow text: HTML only inside code spans, no table break, no mention, no link', () => {
    const text = renderDriftReport(result([{ file: '.github/workflows/x|y.yml', type: 'missing-job', job: '<img src=x onerror=alert(1)>', message: 'job <b>x</b> | @octocat see https://evil.example' }]));
    expect(text).toContain('| `<img src=x onerror=alert(1)>` |');
    expect(text).not.toContain('<b>');
    expect(text).not.toContain('@octocat');
    expect(text).not.toContain('https://evil');
    expect(text.split('\n').filter((l) => l.startsWith('| `')).every((l) => l.split(/(?<!\\)\|/).length === 6)).toBe(true);
  });

  it('stays within the limit, saying how many differences it left out', () => {
    const many = Array.from({ length: 500 }, (_v, i): DriftChange => ({ file: '.github/workflows/ci.yml', type: 'removed-step', job: 'test', step: `s${i}`, message: `step "${'x'.repeat(300)} ${i}" of job test was removed` }));
    const text = renderDriftReport(result(many), 'acme/web', 20_000);
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toMatch(/\n(\d+) more differences are not shown here; the drift-report lists them all\.\n$/);
    const shown = text.split('\n').filter((l) => l.startsWith('| `.github')).length;
    expect(Number(/(\d+) more differences/.exec(text)![1]) + shown).toBe(500);
  });
});
