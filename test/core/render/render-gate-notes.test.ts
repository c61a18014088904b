import { describe, expect, it } from '@jest/globals';
import type { GateResult } from '../../../core/engine/types.js';
import { renderCheckOutput } from '../../../core/render/render-check-output.js';
import { GATE_NOTES_MARKER, GITHUB_TEXT_LIMIT, renderGateNotes } from '../../../core/render/render-gate-notes.js';
import { a11yData, counts, item, makePr, makeReport } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, run } from '../../helpers/engine.js';

const hostile = '<script>alert(1)</script> | @acme/everyone #1 ![x](https://evil.example/x.png)\n| injected | row |';

async function hostileResult(): Promise<GateResult> {
  const pr = makePr({ title: hostile + 'x'.repeat(70_000), labels: ['frontend'], changedFiles: ['web/a.tsx'] });
  const data = { ...a11yData(counts(1, 0, 0, 0)), violations: [{ rule: hostile, impact: 'critical', target: hostile, helpUrl: 'javascript:alert(1)', page: 'http://127.0.0.1/' }] };
  return run({ catalog: catalogOf([A11Y_CONTROL]), pr, evidence: [item(`evil|name\n${hostile}.json`, makeReport('a11y', data))] });
}

/** `<details>` blocks opened and closed: a hostile string must not open or close one. */
function detailsBalance(markdown: string): number {
  return markdown.split('<details>').length - markdown.split('</details>').length;
}

describe('renderGateNotes', () => {
  it('shows one line per applicable control (result, id linked to its reference, title, reason) that opens on its explanation and evidence', async () => {
    const result = await run({ catalog: catalogOf([A11Y_CONTROL]), pr: makePr({ labels: ['frontend'] }), evidence: [item('a11y.json', makeReport('a11y', a11yData()))] });
    const notes = renderGateNotes(result);
    expect(notes).toContain('### ✅ passed: Enforce GA Gates Evidence');
    expect(notes).toMatch(/^<details><summary>✅ <a href="https:\/\/github\.com\/maestro-conductor\/maestro-conductor\/blob\/v[^/]+\/docs\/reference\/controls\.md#t-01">T-01<\/a> Accessibility: its requirement is met<\/summary>$/m);
    expect(notes).toContain('Applies because label "frontend" is set. Its evidence requirement is met.');
    // Frameworks and every digest are in the check run, which keeps the full detail.
    const summary = renderCheckOutput(result).summary;
    expect(summary).toContain('P1, blocking · SOC 2 CC8.1 · ISO A.8.29 · SSDF PW.8.2');
    expect(summary).toMatch(/^Evidence: `a11y\.json` `[0-9a-f]{12}`$/m);
  });

  it('puts the hidden marker first when asked, so the app can find its comment', async () => {
    const result = await run({ catalog: catalogOf([A11Y_CONTROL]) });
    expect(renderGateNotes(result, { marker: true }).startsWith(`${GATE_NOTES_MARKER}\n`)).toBe(true);
    expect(renderGateNotes(result)).not.toContain(GATE_NOTES_MARKER);
  });

  it('cannot be broken or inflated by hostile titles, file names and evidence strings', async () => {
    const notes = renderGateNotes(await hostileResult());
    // Code spans show their content literally (no HTML, no mentions), so only the text around them can inject.
    const outsideCode = notes.replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toMatch(/<script>|@acme\/everyone/);
    // Markdown is not rendered inside a <summary> (raw HTML): a link or image there stays text; outside, none is made.
    expect(outsideCode.split('\n').filter((l) => !l.startsWith('<details><summary>')).join('\n')).not.toMatch(/\]\(https:\/\/evil|!\[x\]\(/);
    expect(outsideCode.replace(/<\/?(?:details|summary)>|<a href="https:\/\/github\.com\/maestro-conductor\/[^"]+">|<\/a>/g, '')).not.toMatch(/(?<!\\)<[a-z/]/i);
    expect(renderCheckOutput(await hostileResult()).summary).toMatch(/`evil\\\|name <script>alert\(1\)<\/script> \\\| @acme\/everyone/);
    expect(detailsBalance(notes)).toBe(0);
    expect(notes.length).toBeLessThan(5_000);
    const comment = renderGateNotes(await hostileResult(), { marker: true });
    expect(comment).not.toMatch(/<script>|@acme\/everyone/);
    expect(detailsBalance(comment)).toBe(0);
  });

  it('stays within GitHub\'s limit with many controls and says what it left out', async () => {
    const controls = Array.from({ length: 400 }, (_, i) => ({ ...A11Y_CONTROL, id: `T-${String(i).padStart(3, '0')}`, title: 'x'.repeat(80), applies: { always: true } }));
    const result = await run({ catalog: catalogOf(controls) });
    const notes = renderGateNotes(result);
    expect(notes.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(notes).toMatch(/_\d+ more controls were left out to stay within GitHub's size limit/);
    expect(detailsBalance(notes)).toBe(0);
    const output = renderCheckOutput(result);
    expect(output.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(output.text.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(output.text).toMatch(/more controls were left out/);
  });
});

describe('renderCheckOutput', () => {
  it('uses the headline as title and lists every requirement decision with its id and evidence digest', async () => {
    const output = renderCheckOutput(await hostileResult());
    expect(output.title).toBe('1 of 1 applicable controls is not met: T-01.');
    expect(output.text).toMatch(/`T-01\/a11y` `dec_[0-9a-f]{16}` fail: /);
    expect(output.text).toMatch(/sha256 `[0-9a-f]{64}`/);
    expect(output.annotations).toEqual([]);
  });

  it('annotates config problems on the config file at their line', async () => {
    const output = renderCheckOutput(await run({ catalog: catalogOf([A11Y_CONTROL]), configText: 'version: 1\ncomment:\n  mode: loud\n' }));
    expect(output.annotations).toEqual([{ path: '.github/maestro.yml', start_line: 3, end_line: 3, annotation_level: 'failure', title: 'Invalid config: comment.mode', message: 'must be one of "always", "on-failure", "never", found "loud"' }]);
  });
});
