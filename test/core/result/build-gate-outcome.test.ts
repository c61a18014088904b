import { describe, expect, it } from '@jest/globals';
import { buildGateOutcome } from '../../../core/result/build-gate-outcome.js';

const context = { subject: { repo: 'acme/web', sha: 'a'.repeat(40), pr: 3 }, producer: { name: 'maestro-action', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };

describe('buildGateOutcome', () => {
  it('wraps the data in the report of its kind, turns passed into the verdict and frames the body', () => {
    const outcome = buildGateOutcome({
      gate: 'k6',
      kind: 'k6-summary',
      data: { thresholds: [] },
      context,
      passed: false,
      headline: '1 of 1 k6 thresholds failed',
      body: { sections: ['_No thresholds were evaluated._'], footer: 'Source: k6.' },
      annotations: [{ level: 'error', message: 'm' }],
      outputs: { 'failed-thresholds': '1' },
    });
    expect(outcome).toEqual({
      gate: 'k6',
      report: { kind: 'k6-summary', schemaVersion: '1.0', subject: context.subject, producer: context.producer, createdAt: context.createdAt, data: { thresholds: [] } },
      verdict: 'fail',
      headline: '1 of 1 k6 thresholds failed',
      markdown: '### ❌ k6: 1 of 1 k6 thresholds failed\n\n_No thresholds were evaluated._\n\n_Source: k6._\n',
      annotations: [{ level: 'error', message: 'm' }],
      outputs: { 'failed-thresholds': '1' },
    });
    expect(buildGateOutcome({ gate: 'slo', kind: 'slo-burn', data: {}, context, passed: true, headline: 'ok', body: { sections: [], footer: 'Policy.' }, annotations: [], outputs: {} }).verdict).toBe('pass');
  });
});
