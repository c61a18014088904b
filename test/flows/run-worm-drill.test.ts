import { describe, expect, it } from '@jest/globals';
import { parseEvidenceFiles } from '../../core/evidence/parse-evidence.js';
import { runWormDrill } from '../../flows/run-worm-drill.js';
import { fixedClock } from '../helpers/clock.js';
import { fakeWormProbe, type FakeWormStore } from '../helpers/fake-worm-probe.js';

type Step = { name: string; result: string; detail: string; response?: string };

async function drill(behaviour: FakeWormStore = {}) {
  const probe = fakeWormProbe(behaviour);
  const report = await runWormDrill({ probe, subject: { repo: 'acme/web', sha: 'c'.repeat(40) }, producer: { name: 'maestro drill worm', version: 'test' }, probeRetentionSeconds: 120, now: fixedClock('2026-11-20T12:00:00Z') });
  return { report, probe, data: report.data as { status: string; store: string; steps: Step[] } };
}

describe('runWormDrill', () => {
  describe('when the store refuses every change to the locked probe', () => {
    it('passes each step, keeps the refusals as proof and writes a valid drill-report', async () => {
      const { report, data } = await drill();
      expect(data.steps.map((s) => [s.name, s.result])).toEqual([
        ['preflight', 'pass'],
        ['write locked probe', 'pass'],
        ['delete the locked version', 'pass'],
        ['delete the locked version bypassing governance', 'pass'],
        ['shorten the retention', 'pass'],
        ['downgrade the lock to GOVERNANCE', 'pass'],
        ['overwrite and hide behind a delete marker', 'pass'],
        ['lock unchanged', 'pass'],
      ]);
      expect(data.steps[2]).toMatchObject({ detail: expect.stringMatching(/^delete \S+ v1 was refused$/), response: 'HTTP 403 AccessDenied: the object is locked' });
      expect(data).toMatchObject({ status: 'pass', store: 'memory://worm' });
      expect((await parseEvidenceFiles([{ bytes: Buffer.from(JSON.stringify(report)), path: 'drill.json' }]))[0]?.status).toBe('valid');
    });

    it('asks to shorten the lock to a time still in the future, and to downgrade it to GOVERNANCE', async () => {
      const { probe } = await drill();
      expect(probe.requests.filter((r) => r.startsWith('lock '))).toEqual([expect.stringMatching(/ COMPLIANCE until 2026-11-20T12:01:00.000Z$/), expect.stringMatching(/ GOVERNANCE until 2026-11-20T12:02:00.000Z$/)]);
    });
  });

  describe('when the store lets a change through', () => {
    it.each([
      ['delete', 'delete the locked version'],
      ['bypass', 'delete the locked version bypassing governance'],
      ['retention', 'shorten the retention'],
    ] as const)('fails the drill at %s, saying the store does not enforce the lock', async (accepted, step) => {
      const { data } = await drill({ accepts: [accepted] });
      expect(data.status).toBe('fail');
      expect(data.steps.find((s) => s.name === step)).toMatchObject({ result: 'fail', detail: expect.stringContaining('was accepted: the store does not enforce the lock') });
    });
  });

  describe('when the store answers with another error than AccessDenied', () => {
    it('fails the step and keeps the answer', async () => {
      const { data } = await drill({ fails: ['delete'] });
      expect(data.steps.find((s) => s.name === 'delete the locked version')).toMatchObject({ result: 'fail', detail: expect.stringContaining('was answered with an unexpected error'), response: 'HTTP 503 SlowDown: reduce your request rate' });
    });
  });

  describe('when the probe is written without a lock', () => {
    it('fails at the write and tries nothing else', async () => {
      const { data, probe } = await drill({ unlocked: true });
      expect(data.steps.map((s) => [s.name, s.result])).toEqual([['preflight', 'pass'], ['write locked probe', 'fail']]);
      expect(data.steps[1]!.detail).toMatch(/read back: no retention$/);
      expect(probe.requests).toEqual([]);
    });
  });
});
