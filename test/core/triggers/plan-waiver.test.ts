import { describe, expect, it } from '@jest/globals';
import { planWaiver, type WaiverRequest } from '../../../core/triggers/plan-waiver.js';
import { assertValidReport } from '../../../core/evidence/assert-valid-report.js';

const base: WaiverRequest = {
  controlId: 'GA-25',
  until: '2026-12-03',
  reason: 'Vendor fix for the date picker lands in 2.4 — “soon”',
  approvedBy: 'security-lead',
  repo: 'octo-org/web',
  pr: 7,
  headSha: 'c'.repeat(40),
  commentUrl: 'https://github.com/octo-org/web/pull/7#issuecomment-1',
  controls: ['GA-01', 'GA-25'],
  maxDays: 14,
  now: new Date('2026-11-20T18:30:00Z'),
  producer: { name: 'maestro-conductor-app', version: '1.0.0' },
};

describe('planWaiver', () => {
  it('grants a waiver as a valid waiver report about the PR', async () => {
    const planned = planWaiver(base);
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.report.data).toEqual({ controlId: 'GA-25', until: '2026-12-03', reason: base.reason, approvedBy: 'security-lead', requestedBy: 'security-lead', pr: 7, commentUrl: base.commentUrl });
    expect(planned.report.subject).toEqual({ repo: 'octo-org/web', sha: base.headSha, pr: 7 });
    await expect(assertValidReport(planned.report, 'waiver')).resolves.toBeUndefined();
  });

  it('counts today as day one: the maximum is accepted, one day more is refused with the latest end', () => {
    expect(planWaiver({ ...base, until: '2026-12-03' }).ok).toBe(true);
    const refused = planWaiver({ ...base, until: '2026-12-04' });
    expect(refused).toEqual({ ok: false, message: 'a waiver until 2026-12-04 lasts 15 days; this repository allows at most 14 (waivers.maxDays), so the latest end is 2026-12-03.' });
  });

  it('accepts today and refuses the past and unknown controls', () => {
    expect(planWaiver({ ...base, until: '2026-11-20' }).ok).toBe(true);
    expect(planWaiver({ ...base, until: '2026-11-19' })).toMatchObject({ ok: false, message: expect.stringContaining('in the past') });
    expect(planWaiver({ ...base, controlId: 'GA-99' })).toMatchObject({ ok: false, message: expect.stringContaining('GA-99 is not a control') });
  });
});
