import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runMain } from '../helpers/run-main.js';
import { TEST_NOW } from '../helpers/clock.js';
import { tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');
const example = (path: string) => join(root, 'examples/pr-passing', path);
const everyId = Array.from({ length: 30 }, (_, i) => `GA-${String(i + 1).padStart(2, '0')}`);

/** The three configs of issue 16 that weakened the gate without a word, as files. */
function configFile(text: string): string {
  const path = join(tempDir('maestro-cli-config-'), 'maestro.yml');
  writeFileSync(path, text);
  return path;
}

describe('maestro gate --config: a config that weakens the catalog is visible, and one that disarms the gate is refused', () => {
  let stdout = '';

  /** `maestro gate` on the passing example (GA-08, GA-13, GA-25, GA-29, GA-30 apply and are met), in this process. */
  async function gate(config: string, format: 'json' | 'markdown'): Promise<number> {
    const run = await runMain(['gate', '--event', example('event.json'), '--evidence', example('evidence'), '--changed-files', example('changed-files.txt'), '--links', example('links.json'), '--config', config, '--now', TEST_NOW, '--format', format]);
    stdout = run.stdout;
    return run.code;
  }

  it.each([
    [
      'thresholds.a11y.maxCritical: 1000000',
      'thresholds:\n  a11y:\n    maxCritical: 1000000\n',
      (path: string) => `The repo config ${path} is invalid (thresholds.a11y.maxCritical: 1000000 would raise the bound of GA-25 (counts.critical ≤ 0), which the catalog does not let a repo loosen: maxCritical may not be raised above 0 (controls/ga-25-accessibility.yml says why); a lower value is always allowed); no control was evaluated.`,
    ],
    [
      'all 30 controls excluded',
      `controls:\n  exclude: [${everyId.join(', ')}]\n`,
      (path: string) => `The config of ${path} leaves no blocking control for this pull request (the catalog would apply 5: GA-08, GA-13, GA-25, GA-29, GA-30); a gate that cannot fail protects nothing.`,
    ],
    [
      'all controls made non-blocking',
      `controls:\n  customize:\n${everyId.map((id) => `    ${id}:\n      blocking: false\n`).join('')}`,
      (path: string) => `The config of ${path} leaves no blocking control for this pull request (the catalog would apply 5: GA-08, GA-13, GA-25, GA-29, GA-30); a gate that cannot fail protects nothing.`,
    ],
  ])('%s: action_required with the reason, never neutral or success', async (_what, text, headline) => {
    const config = configFile(text);
    expect(await gate(config, 'json')).toBe(1);
    const result = JSON.parse(stdout) as { conclusion: string; headline: string; configIssues: Array<{ key: string }> };
    expect(result.conclusion).toBe('action_required');
    expect(result.headline).toBe(headline(config));
    expect(result.configIssues.length).toBe(1);

    stdout = '';
    expect(await gate(config, 'markdown')).toBe(1);
    expect(stdout).toContain('### ⚠️ config error: Enforce GA Gates Evidence');
    expect(stdout.replace(/\\/g, '')).toContain(headline(config));
  });

  it('passes the example with a loosened bound within the limit, and names the bound next to the control', async () => {
    const config = configFile('thresholds:\n  a11y:\n    maxMinor: 12\n');
    expect(await gate(config, 'json')).toBe(0);
    const result = JSON.parse(stdout) as { conclusion: string; controls: Array<{ controlId: string; result: string; configChanges: unknown[] }> };
    expect(result.conclusion).toBe('success');
    const ga25 = result.controls.find((c) => c.controlId === 'GA-25')!;
    expect(ga25.configChanges).toEqual([{ key: 'thresholds.a11y.maxMinor', effect: 'loosened', catalog: 4, config: 12, source: config, bound: 'counts.minor ≤', loosest: 20, line: 3 }]);

    stdout = '';
    expect(await gate(config, 'markdown')).toBe(0);
    // ⚙️ on the control's line: the config changed its rules; the line opens on how.
    expect(stdout).toMatch(/<summary>✅ <a [^>]+>GA-25<\/a> Accessibility \(WCAG 2\.1 AA\) ⚙️: /);
    expect(stdout.replace(/\\/g, '')).toContain(`⚙️ bound loosened by ${config} (thresholds.a11y.maxMinor): counts.minor ≤ 12, catalog: 4 (the catalog allows up to 20)`);
  });

  it('keeps the example config passing, with its GA-25 paths shown as set by it', async () => {
    expect(await gate(join(root, 'examples/maestro.yml'), 'markdown')).toBe(0);
    expect(stdout).toContain('All 5 applicable controls are met.');
    expect(stdout.replace(/\\/g, '')).toContain(`⚙️ paths set by ${join(root, 'examples/maestro.yml')} (controls.customize.GA-25.paths): web/**/*.{tsx,css}; catalog: **/*.{tsx,jsx,vue,svelte,html,css,scss}`);
  });
});
