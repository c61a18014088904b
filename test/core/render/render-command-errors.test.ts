import { describe, expect, it } from '@jest/globals';
import { parseCommands } from '../../../core/commands/parse-commands.js';
import type { ParsedCommandLine } from '../../../core/commands/types.js';
import { renderCommandErrors, type RefusedCommandLine } from '../../../core/render/render-command-errors.js';

const refused = (body: string): RefusedCommandLine[] => parseCommands(body).filter((p): p is Extract<ParsedCommandLine, { ok: false }> => !p.ok);

/** The Markdown outside inline code spans, where HTML, links and mentions would take effect. */
function outsideCode(markdown: string): string {
  return markdown.split('`').filter((_, i) => i % 2 === 0).join(' ');
}

describe('renderCommandErrors', () => {
  it('is empty when nothing was refused', () => {
    expect(renderCommandErrors(refused('/help'))).toBe('');
  });

  it('quotes the line, says what is wrong and gives the syntax', () => {
    expect(renderCommandErrors(refused('/waive GA-25 until 2026-02-30 reason: x'))).toBe(
      [
        'Maestro could not run this command:',
        '',
        '- line 1: `/waive GA-25 until 2026-02-30 reason: x`: "2026-02-30" is not a day of the calendar.',
        '  Syntax: `/waive <control-id> until <YYYY-MM-DD> reason: <text>`',
        '',
        'Nothing was changed for these lines. `/help` lists every command.',
      ].join('\n'),
    );
  });

  it('counts several refusals', () => {
    expect(renderCommandErrors(refused('/priority P7\n/gates\n/nope'))).toMatch(/^Maestro could not run 3 commands:\n/);
  });

  it.each([
    ['HTML', '/assign <img src=x onerror=alert(1)>'],
    ['a closing code span', '/assign ``</code><script>alert(1)</script>``'],
    ['a link', '/assign [click](https://evil.example)'],
    ['mentions and references', '/assign @acme/security #1'],
    ['a table break', '/priority | P0 |'],
    ['an HTML comment opener', '/assign <!-- x'],
    ['a bidi override', '/assign \u202Eevil'],
  ])('keeps %s in the echoed line inert', (_what, line) => {
    const out = renderCommandErrors(refused(line));
    expect(out).not.toBe('');
    const prose = outsideCode(out);
    expect(prose).not.toMatch(/(^|[^\\])<(img|script|\/code|!--)/);
    expect(prose).not.toMatch(/(^|[^\\])\[click\]/);
    expect(prose).not.toMatch(/@acme/);
    expect(out).not.toContain('\u202E');
    // Every code span is closed on its own line: nothing the user typed ends one early.
    for (const lineOut of out.split('\n')) expect(lineOut.split('`').length % 2).toBe(1);
  });

  it('shows pipes and the suggestion as typed outside a table', () => {
    const out = renderCommandErrors(refused('/priority | P0 |\n/lable x'));
    expect(out).toContain('- line 1: `/priority | P0 |`: give one priority: P0, P1 or P2.\n  Syntax: `/priority P0|P1|P2`');
    expect(out).toContain('unknown command /lable; did you mean /label?\n');
  });

  it('keeps a huge line short', () => {
    const out = renderCommandErrors(refused(`/label "${'x'.repeat(5000)}`));
    expect(out.length).toBeLessThan(700);
  });
});
