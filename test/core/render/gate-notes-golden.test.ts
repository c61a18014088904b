import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { GateResult } from '../../../core/engine/types.js';
import { NOT_MET } from '../../../core/render/gate-notes-parts.js';
import { renderCheckOutput, type CheckRunOutput } from '../../../core/render/render-check-output.js';
import { GITHUB_TEXT_LIMIT, renderGateNotes } from '../../../core/render/render-gate-notes.js';
import { renderGateNotesText } from '../../../core/render/render-gate-notes-text.js';
import { everyControlFails, exampleResult, GOLDEN_LINKS, worstCase } from './gate-notes-cases.js';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden/gate-notes');

/**
 * Compares with the stored golden file; `UPDATE_GOLDEN=1` rewrites it (never in CI, where a missing
 * or different golden fails).
 */
function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`${path} is missing: run this test with UPDATE_GOLDEN=1 to write it, then review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The four views of one result, as each entry point renders it (the terminal's result is the CLI's, when it differs). */
function views(result: GateResult, cli: GateResult): { comment: string; check: CheckRunOutput; summary: string; terminal: string; colour: string } {
  return {
    comment: renderGateNotes(result, { marker: true, evaluatedAt: false, links: GOLDEN_LINKS }),
    check: renderCheckOutput(result, { links: GOLDEN_LINKS }),
    summary: renderGateNotes(result, { links: GOLDEN_LINKS }),
    terminal: renderGateNotesText(cli, { color: false, links: GOLDEN_LINKS }),
    colour: renderGateNotesText(cli, { color: true, links: GOLDEN_LINKS }),
  };
}

const checkText = (o: CheckRunOutput): string => `# title\n\n${o.title}\n\n# summary\n\n${o.summary}\n# text\n\n${o.text}\n# annotations\n\n${JSON.stringify(o.annotations, null, 2)}\n`;

/** The `<details>` block of a control in the comment (its line is the summary). */
const block = (comment: string, id: string): string => comment.split('<details>').find((b) => b.includes(`>${id}</a>`)) ?? '';

const cases: Array<[string, () => Promise<GateResult>, () => Promise<GateResult>]> = [
  ['pr-passing', () => exampleResult('pr-passing'), () => exampleResult('pr-passing', true)],
  ['pr-failing', () => exampleResult('pr-failing'), () => exampleResult('pr-failing', true)],
  ['every-control-fails', everyControlFails, everyControlFails],
];

describe.each(cases)('the gate notes of %s', (name, make, makeCli) => {
  let result: GateResult;
  let v: ReturnType<typeof views>;
  beforeAll(async () => {
    result = await make();
    v = views(result, await makeCli());
  });

  it('match the stored comment, check run output, job summary and terminal view', () => {
    expectGolden(`${name}.comment.md`, v.comment);
    expectGolden(`${name}.check-run.md`, checkText(v.check));
    expectGolden(`${name}.job-summary.md`, v.summary);
    expectGolden(`${name}.terminal.txt`, v.terminal);
  });

  it('give every control that is not met a next step, in the JSON, the comment, the check run and the terminal', () => {
    const notMet = result.controls.filter((c) => NOT_MET.has(c.result));
    for (const c of notMet) {
      expect(c.nextSteps?.length).toBeGreaterThan(0);
      expect(block(v.comment, c.controlId)).toMatch(new RegExp(`^<summary>.*>${c.controlId}</a>.* → \\w`));
      expect(v.check.summary).toMatch(new RegExp(`\\[${c.controlId}\\][^]*?\\*\\*Next steps\\*\\*\\n\\n1\\. `));
      expect(v.terminal).toMatch(new RegExp(`${c.controlId} [^\\n]*\\n(?:  [^\\n]*\\n)*  next steps\\n    1\\. `));
    }
  });

  it('start the comment and the job summary with a status bar of the controls', () => {
    for (const text of [v.comment, v.summary]) expect(text).toMatch(/^(?:<!--[^\n]*-->\n)?### [^\n]+\n\n[🟩🟨🟥⬜]+ \d+ (?:met|waived|not met|not applicable)/u);
  });

  it('print a terminal view without Markdown escapes, zero-width characters, control characters or colour', () => {
    for (const line of v.terminal.split('\n')) {
      expect(line).not.toMatch(/\\[\\`*_[\]|<>~#&.!-]/);
      expect(line).not.toMatch(/[\u200B-\u200F\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/);
      // eslint-disable-next-line no-control-regex -- no escape sequence without colour
      expect(line).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    }
    // With colour, only SGR sequences: the same text once they are taken out.
    // eslint-disable-next-line no-control-regex -- the colour codes
    expect(v.colour.replace(/\u001B\[\d+m/g, '')).toBe(v.terminal.replace(/[🟩🟨🟥⬜]+/gu, (bar) => '█'.repeat([...bar].length)));
  });

  it('stay within GitHub\'s limits', () => {
    expect(v.comment.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(v.check.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(v.check.text.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
  });
});

describe('the size of the gate notes', () => {
  it('keeps the comment of each example under 4,000 characters', async () => {
    for (const name of ['pr-passing', 'pr-failing'] as const) {
      const comment = renderGateNotes(await exampleResult(name), { marker: true, evaluatedAt: false, links: GOLDEN_LINKS });
      expect({ name, short: comment.length < 4_000 }).toEqual({ name, short: true });
    }
  });

  it('keeps the comment, the check run and the job summary within GitHub\'s limits for the whole catalog failing with long explanations', async () => {
    const result = await worstCase();
    const comment = renderGateNotes(result, { marker: true, evaluatedAt: false });
    const check = renderCheckOutput(result);
    expect(comment.length).toBeLessThan(65_536);
    expect(check.summary.length).toBeLessThanOrEqual(65_535);
    expect(check.text.length).toBeLessThanOrEqual(65_535);
    expect(renderGateNotes(result).length).toBeLessThan(65_536);
    // Whatever is left out is said, and no `<details>` is left open.
    for (const text of [comment, check.summary]) {
      expect(text.split('<details>').length).toBe(text.split('</details>').length);
      if (text.includes('left out')) expect(text).toMatch(/_\d+ more (?:controls were|sections were|control was|section was) left out to stay within GitHub's size limit/);
    }
  });
});
