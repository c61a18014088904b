import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runMain } from '../helpers/run-main.js';
import { TEST_NOW } from '../helpers/clock.js';
import { tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');
const example = (path: string) => join(root, 'examples/pr-failing', path);

/** The failing example's waivers plus a waiver of GA-25 (7 minor a11y findings, 4 allowed) until `until`. */
function waiversFile(until: string): string {
  const waivers = JSON.parse(readFileSync(example('waivers.json'), 'utf8')) as Array<{ createdAt: string; data: Record<string, unknown> }>;
  const ga25 = { ...waivers[0]!, createdAt: '2026-11-18T15:00:00Z', data: { controlId: 'GA-25', until, reason: 'contrast fixes land with the design refresh', approvedBy: 'octocat', requestedBy: 'Codertocat', pr: 3 } };
  const path = join(tempDir('maestro-cli-waivers-'), 'waivers.json');
  writeFileSync(path, JSON.stringify([...waivers, ga25]));
  return path;
}

describe('maestro gate --waivers: the repo config\'s waiver policy applies to waivers from a file', () => {
  let stdout = '';

  /** `maestro gate` on the failing example, in this process, as bin/maestro.cjs runs it. */
  async function gate(waivers: string, format: 'json' | 'markdown'): Promise<number> {
    const run = await runMain(['gate', '--event', example('event.json'), '--evidence', example('evidence'), '--changed-files', example('changed-files.txt'), '--config', join(root, 'examples/maestro.yml'), '--waivers', waivers, '--now', TEST_NOW, '--format', format]);
    stdout = run.stdout;
    return run.code;
  }

  it('does not honour a waiver until 2999-12-31 where waivers.maxDays is 30: the decision says why, the JSON and the notes show it rejected', async () => {
    const waivers = waiversFile('2999-12-31');
    expect(await gate(waivers, 'json')).toBe(1);
    const result = JSON.parse(stdout) as { controls: Array<{ controlId: string; result: string; explanation: string }>; waivers: Array<{ controlId: string; state: string; rejection?: string }> };
    const ga25 = result.controls.find((c) => c.controlId === 'GA-25')!;
    expect(ga25.result).toBe('fail');
    expect(ga25.explanation).toContain(`The waiver for GA-25 by @octocat until 2999-12-31 is not applied: it lasts 355425 days from 2026-11-18, beyond the 30 days ${join(root, 'examples/maestro.yml')} allows (waivers.maxDays).`);
    expect(result.waivers.find((w) => w.controlId === 'GA-25')).toMatchObject({ state: 'rejected', rejection: expect.stringContaining('(waivers.maxDays)') });
    // The example's own waivers keep their outcomes: GA-08 waived, GA-30's expired.
    expect(result.controls.find((c) => c.controlId === 'GA-08')!.result).toBe('waived');
    expect(result.waivers.filter((w) => w.controlId !== 'GA-25').map((w) => [w.controlId, w.state])).toEqual([['GA-08', 'active'], ['GA-30', 'expired']]);

    stdout = '';
    expect(await gate(waivers, 'markdown')).toBe(1);
    expect(stdout).toContain('5 of 6 applicable controls are not met: GA-07, GA-13, GA-25, GA-26, GA-30 (1 waived).');
    expect(stdout).toMatch(/- \*\*GA-25\*\* waiver by @\u200boctocat until 2999-12-31 \(rejected, not applied: it lasts 355425 days from 2026-11-18, beyond the 30 days .*maestro\.yml allows \(waivers\.maxDays\)\)/);
  });

  it('honours the same waiver within the limit', async () => {
    expect(await gate(waiversFile('2026-12-10'), 'json')).toBe(1);
    const result = JSON.parse(stdout) as { headline: string; controls: Array<{ controlId: string; result: string }> };
    expect(result.controls.find((c) => c.controlId === 'GA-25')!.result).toBe('waived');
    expect(result.headline).toBe('4 of 6 applicable controls are not met: GA-07, GA-13, GA-26, GA-30 (2 waived).');
  });
});
