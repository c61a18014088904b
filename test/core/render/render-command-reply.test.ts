import { describe, expect, it } from '@jest/globals';
import { parseCommands } from '../../../core/commands/parse-commands.js';
import { type CommandOutcome, COMMAND_REPLY_MARKER, renderCommandReply } from '../../../core/render/render-command-reply.js';

/** Outcomes of a comment as the app makes them for lines the parser refused. */
const refused = (body: string): CommandOutcome[] => parseCommands(body).flatMap((p) => (p.ok ? [] : [{ line: p.line, text: p.text, status: 'error' as const, message: p.error.message, usage: p.error.usage }]));

/** The Markdown outside inline code spans, where HTML, links and mentions would take effect. */
function outsideCode(markdown: string): string {
  return markdown.split('`').filter((_, i) => i % 2 === 0).join(' ');
}

describe('renderCommandReply', () => {
  it('says nothing when every command was done without a result (the reaction acknowledges)', () => {
    expect(renderCommandReply([{ line: 1, text: '/label bug', status: 'done' }])).toBeUndefined();
  });

  it('quotes the line, says what is wrong and gives the syntax', () => {
    expect(renderCommandReply(refused('/waive GA-25 until 2026-02-30 reason: x'))).toBe(
      [
        COMMAND_REPLY_MARKER,
        'Maestro could not run this command:',
        '',
        '- line 1: `/waive GA-25 until 2026-02-30 reason: x`: "2026-02-30" is not a day of the calendar.',
        '  Syntax: `/waive <control-id> until <YYYY-MM-DD> reason: <text>`',
        '',
        'Nothing was changed for these lines. `/help` lists every command.',
        '',
      ].join('\n'),
    );
  });

  it('puts results first and counts refusals, naming who may', () => {
    const reply = renderCommandReply([
      { line: 1, text: '/help', status: 'done', result: '### Maestro commands' },
      { line: 2, text: '/override reason: now', status: 'refused', message: 'only users with admin access may override the gate; @​mallory has read access.' },
      ...refused('\n\n/priority P7\n/nope'),
    ])!;
    expect(reply).toMatch(new RegExp(`^${COMMAND_REPLY_MARKER}\\n### Maestro commands\\n\\nMaestro could not run 3 commands:\\n`));
    expect(reply).toContain('- line 2: `/override reason: now`: refused: only users with admin access may override the gate;');
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
    const out = renderCommandReply(refused(line))!;
    expect(out).toBeDefined();
    const prose = outsideCode(out.replace(COMMAND_REPLY_MARKER, ''));
    expect(prose).not.toMatch(/(^|[^\\])<(img|script|\/code|!--)/);
    expect(prose).not.toMatch(/(^|[^\\])\[click\]/);
    expect(prose).not.toMatch(/@acme/);
    expect(out).not.toContain('\u202E');
    // Every code span is closed on its own line: nothing the user typed ends one early.
    for (const lineOut of out.split('\n')) expect(lineOut.split('`').length % 2).toBe(1);
  });

  it('shows pipes and the suggestion as typed outside a table', () => {
    const out = renderCommandReply(refused('/priority | P0 |\n/lable x'))!;
    expect(out).toContain('- line 1: `/priority | P0 |`: give one priority: P0, P1 or P2.\n  Syntax: `/priority P0|P1|P2`');
    expect(out).toContain('unknown command /lable; did you mean /label?\n');
  });

  it('keeps a huge line short', () => {
    const out = renderCommandReply(refused(`/label "${'x'.repeat(5000)}`))!;
    expect(out.length).toBeLessThan(760);
  });
});
