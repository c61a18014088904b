import { describe, expect, it } from '@jest/globals';
import { parseCommands, TOO_MANY_COMMANDS } from '../../../core/commands/parse-commands.js';
import type { ParsedCommandLine, SlashCommand } from '../../../core/commands/types.js';
import { craftedComment } from '../../helpers/crafted-comment.js';

/** The commands of a comment that parsed, in order. */
function commands(body: string): SlashCommand[] {
  return parseCommands(body).flatMap((p) => (p.ok ? [p.command] : []));
}

/** The one parsed line of a one-command comment. */
function only(body: string): ParsedCommandLine {
  const parsed = parseCommands(body);
  expect(parsed).toHaveLength(1);
  return parsed[0]!;
}

function errorOf(body: string): { name: string; message: string; usage: string } {
  const parsed = only(body);
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed.command)}`);
  return parsed.error;
}

describe('parseCommands', () => {
  describe('when each command is well formed', () => {
    it.each<[string, SlashCommand]>([
      ['/assign @octocat', { name: 'assign', users: ['octocat'] }],
      ['/assign @octocat hubot, @mona-lisa', { name: 'assign', users: ['octocat', 'hubot', 'mona-lisa'] }],
      ['/assign @octocat @OctoCat', { name: 'assign', users: ['octocat'] }],
      ['/unassign @octocat', { name: 'unassign', users: ['octocat'] }],
      ['/milestone Sprint 14', { name: 'milestone', title: 'Sprint 14' }],
      ['/milestone "GA cutover"', { name: 'milestone', title: 'GA cutover' }],
      ["/milestone Bob's sprint", { name: 'milestone', title: "Bob's sprint" }],
      ['/milestone \u201CQ3 \u2014 h\u00E4rtung\u201D', { name: 'milestone', title: 'Q3 \u2014 h\u00E4rtung' }],
      ['/priority P0', { name: 'priority', priority: 'P0' }],
      ['/priority p2', { name: 'priority', priority: 'P2' }],
      ['/label security', { name: 'label', labels: ['security'] }],
      ['/label a "b c" \'d e\', f', { name: 'label', labels: ['a', 'b c', 'd e', 'f'] }],
      ['/label bug Bug', { name: 'label', labels: ['bug'] }],
      ['/label "say \\"hi\\""', { name: 'label', labels: ['say "hi"'] }],
      ['/create-task 8', { name: 'create-task', target: '8' }],
      ['/create-task ALL', { name: 'create-task', target: 'all' }],
      ['/create-task WO-8', { name: 'create-task', target: 'WO-8' }],
      ['/waive GA-25 until 2026-12-04 reason: axe false positive', { name: 'waive', controlId: 'GA-25', until: '2026-12-04', reason: 'axe false positive' }],
      ['/waive ga-8 UNTIL 2028-02-29 Reason: leap day', { name: 'waive', controlId: 'GA-08', until: '2028-02-29', reason: 'leap day' }],
      ['/waive GA-25 until 2026-12-04 reason: "quoted: with a colon"', { name: 'waive', controlId: 'GA-25', until: '2026-12-04', reason: 'quoted: with a colon' }],
      ['/waive GA-25 until 2026-12-04 reason:   \u201Cfaux positif \u2014 corrig\u00E9 dans #512\u201D  ', { name: 'waive', controlId: 'GA-25', until: '2026-12-04', reason: 'faux positif \u2014 corrig\u00E9 dans #512' }],
      ['/override reason: SEV-1 \u{1F525} hotfix, evidence follows', { name: 'override', reason: 'SEV-1 \u{1F525} hotfix, evidence follows' }],
      ['/override reason:no space after the colon', { name: 'override', reason: 'no space after the colon' }],
      ['/gates rerun', { name: 'gates-rerun' }],
      ['/gates explain ga-25', { name: 'gates-explain', controlId: 'GA-25' }],
      ['/help', { name: 'help' }],
      ['/HELP me please', { name: 'help' }],
      ['   /help', { name: 'help' }],
      ['/help\u00A0', { name: 'help' }],
    ])('%s', (line, expected) => {
      const parsed = only(line);
      expect(parsed).toMatchObject({ ok: true, command: expected });
    });

    it('normalises the reason to NFC', () => {
      const decomposed = 'cafe\u0301';
      expect(commands(`/override reason: ${decomposed}`)).toEqual([{ name: 'override', reason: 'caf\u00E9' }]);
    });

    it('keeps the line number and the line as typed', () => {
      expect(parseCommands('Thanks!\n\n  /priority P1   \n')).toEqual([{ line: 3, text: '/priority P1', ok: true, command: { name: 'priority', priority: 'P1' } }]);
    });
  });

  describe('when arguments are wrong', () => {
    it.each([
      ['/assign', 'name at least one user', '/assign @user [@user ...]'],
      ['/assign @-octocat', '"@-octocat" is not a GitHub login', '/assign @user [@user ...]'],
      ['/assign @acme/security', '"@acme/security" is a team; assign people by their login', '/assign @user [@user ...]'],
      ['/assign @' + 'a'.repeat(40), 'is not a GitHub login', '/assign'],
      ['/assign ' + Array.from({ length: 11 }, (_, i) => `@u${i}`).join(' '), 'at most 10 users at once', '/assign'],
      ['/unassign @ok @not_ok', '"@not_ok" is not a GitHub login', '/unassign @user [@user ...]'],
      ['/milestone', 'name the milestone', '/milestone <name>'],
      ['/milestone ""', 'name the milestone', '/milestone <name>'],
      ['/milestone ' + 'm'.repeat(256), 'longer than 255 characters', '/milestone <name>'],
      ['/priority', 'give one priority: P0, P1 or P2', '/priority P0|P1|P2'],
      ['/priority P3', 'give one priority: P0, P1 or P2', '/priority P0|P1|P2'],
      ['/priority P0 P1', 'give one priority', '/priority P0|P1|P2'],
      ['/label', 'name at least one label', '/label <name>'],
      ['/label "unterminated', 'the quote opened at column 2 is not closed', '/label <name>'],
      ['/label ' + 'l'.repeat(51), 'is longer than 50 characters', '/label <name>'],
      ['/label "   "', 'a label name is empty', '/label <name>'],
      ['/label bug reason: because', '/label takes no reason', '/label <name>'],
      ['/create-task', 'give one work-order id, or all', '/create-task <work-order-id>|all'],
      ['/create-task 8 9', 'give one work-order id, or all', '/create-task'],
      ['/create-task <script>', '"<script>" is not a work-order id', '/create-task'],
      ['/waive GA-25 until 2026-12-04', 'a reason is required: end the line with reason: <text>', '/waive <control-id> until <YYYY-MM-DD> reason: <text>'],
      ['/waive GA-25 until 2026-12-04 reason:', 'the reason is empty', '/waive'],
      ['/waive GA-25 until 2026-12-04 reason: ""', 'the reason is empty', '/waive'],
      ['/waive GA-25 2026-12-04 reason: x', 'write the control, then until and the last day, then reason:', '/waive'],
      ['/waive until 2026-12-04 reason: x', 'write the control, then until and the last day', '/waive'],
      ['/waive GA25 until 2026-12-04 reason: x', '"GA25" is not a control id (such as GA-25)', '/waive'],
      ['/waive 25-GA until 2026-12-04 reason: x', 'is not a control id', '/waive'],
      ['/waive GA-25 until 2026-02-30 reason: x', '"2026-02-30" is not a day of the calendar', '/waive'],
      ['/waive GA-25 until 2026-13-01 reason: x', '"2026-13-01" is not a date written YYYY-MM-DD', '/waive'],
      ['/waive GA-25 until 04/12/2026 reason: x', 'is not a date written YYYY-MM-DD', '/waive'],
      ['/waive GA-25 until 2026-12-04 reason: ' + '\u00E9'.repeat(1001), 'the reason is 1001 characters long; at most 1000', '/waive'],
      ['/override', 'a reason is required', '/override reason: <text>'],
      ['/override now reason: x', 'unexpected "now" before reason:', '/override reason: <text>'],
      ['/gates', 'say what to do: rerun or explain', '/gates rerun or /gates explain <control-id>'],
      ['/gates restart', 'unknown /gates action "restart"', '/gates rerun or /gates explain <control-id>'],
      ['/gates rerun now', '/gates rerun takes no arguments', '/gates rerun'],
      ['/gates explain', 'name one control', '/gates explain <control-id>'],
      ['/gates explain GA', 'is not a control id', '/gates explain <control-id>'],
    ])('%s is refused with the syntax', (line, message, usage) => {
      const error = errorOf(line);
      expect(error.message).toContain(message);
      expect(error.usage).toContain(usage);
    });

    it('accepts a reason of exactly 1000 characters', () => {
      const reason = '\u{1F600}'.repeat(1000);
      expect(commands(`/override reason: ${reason}`)).toEqual([{ name: 'override', reason }]);
    });

    it('names the unknown command and suggests the close one', () => {
      expect(errorOf('/asign @octocat')).toEqual({ name: 'asign', message: 'unknown command /asign; did you mean /assign?', usage: '/assign @user [@user ...]' });
      expect(errorOf('/deploy now')).toEqual({ name: 'deploy', message: 'unknown command /deploy; /help lists the commands', usage: '/help' });
    });
  });

  describe('when a line starts with a slash but is not a command', () => {
    it.each([
      ['a path', '/usr/bin/env node'],
      ['a URL path', '/api/v1/users is slow'],
      ['a file', '/tmp.txt was left behind'],
      ['a path ending in a colon', '/etc/hosts: changed'],
      ['a slash then a space', '/ this is a fraction'],
      ['two slashes', '// comment'],
      ['a number', '/2 of the tests'],
      ['an emoticon', '/o\\ sorry'],
      ['a word longer than any command', `/${'x'.repeat(40)}`],
    ])('%s is text', (_what, line) => {
      expect(parseCommands(line)).toEqual([]);
    });

    it('ignores the words of other bots when told to', () => {
      expect(parseCommands('/lgtm\n/retest\n/help', { ignore: ['lgtm', 'RETEST'] })).toEqual([{ line: 3, text: '/help', ok: true, command: { name: 'help' } }]);
    });

    it('reads a command only at the start of a line', () => {
      expect(parseCommands('please run /help and - /help and `/help`')).toEqual([]);
      expect(parseCommands('- /help\n1. /help\n\\/help\n`/help`')).toEqual([]);
    });
  });

  describe('when commands are quoted or in code', () => {
    it.each([
      ['a backtick fence', '```\n/override reason: x\n```'],
      ['a fence with an info string', '```sh title="x"\n/override reason: x\n```'],
      ['a tilde fence', '~~~\n/override reason: x\n~~~'],
      ['a longer closing fence', '```\n/override reason: x\n``````'],
      ['an unterminated fence', 'text\n```\n/override reason: x'],
      ['a fence closed only by as many backticks', '````\n```\n/override reason: x\n````'],
      ['a tilde fence that backticks do not close', '~~~\n```\n/override reason: x\n~~~'],
      ['an indented fence', '   ```\n/override reason: x\n   ```'],
      ['a fence in a list item', '- step one\n  ```\n  /override reason: x\n  ```'],
      ['a fence opened on a list item', '1. ```\n   /override reason: x\n   ```'],
      ['indented code', '    /override reason: x'],
      ['indented code with a tab', '\t/override reason: x'],
      ['a block quote', '> /override reason: x'],
      ['a nested quote', '> > /override reason: x'],
      ['a quote without space', '>/override reason: x'],
      ['a lazy quote continuation', '> as you said\n/override reason: x'],
      ['an HTML comment', '<!--\n/override reason: x\n-->'],
      ['a one-line HTML comment', '<!-- /override reason: x -->'],
      ['an HTML comment opened in a paragraph', 'note <!-- hidden\n/override reason: x\n-->'],
      ['a fence with CRLF line ends', '```\r\n/override reason: x\r\n```\r\n'],
    ])('a command in %s is not read', (_what, body) => {
      expect(parseCommands(body)).toEqual([]);
    });

    it.each([
      ['after a closed fence', '```\ncode\n```\n/help'],
      ['after a quote and a blank line', '> quoted\n\n/help'],
      ['after a quote and a heading', '> quoted\n# Title\n/help'],
      ['after an HTML comment', '<!--\nhidden\n-->\n/help'],
      ['after a one-line HTML comment', '<!-- note -->\n/help'],
      ['in a paragraph', 'Some context\n/help'],
      ['after a backtick line that is not a fence', '``` not a fence ` here\n/help'],
      ['after a fence in a quote (the quote closes it)', '> ```\n/help'],
    ])('a command %s is read', (_what, body) => {
      expect(commands(body)).toEqual([{ name: 'help' }]);
    });
  });

  describe('when a comment holds many commands', () => {
    it('parses each line, also with CRLF and lone CR line ends', () => {
      const body = ['Kick-off:', '/assign @octocat', '/milestone Sprint 14', '/priority P0', '/label ga "supply chain"', '/create-task all'].join('\r\n') + '\r/help\r\n';
      expect(parseCommands(body).map((p) => [p.line, p.ok && p.command.name])).toEqual([[2, 'assign'], [3, 'milestone'], [4, 'priority'], [5, 'label'], [6, 'create-task'], [7, 'help']]);
    });

    it('keeps refusals and successes in order', () => {
      const parsed = parseCommands('/priority P9\n/help');
      expect(parsed.map((p) => p.ok)).toEqual([false, true]);
    });

    it('runs at most ten and refuses the rest with one error', () => {
      const body = Array.from({ length: 25 }, (_, i) => `/label l${i}`).join('\n');
      const parsed = parseCommands(body);
      expect(parsed).toHaveLength(11);
      expect(parsed.slice(0, 10).every((p) => p.ok)).toBe(true);
      expect(parsed[10]).toMatchObject({ line: 11, ok: false, error: { name: TOO_MANY_COMMANDS } });
      expect(!parsed[10]!.ok && parsed[10]!.error.message).toContain('at most 10 commands: this one (line 11) and any after it were not run');
    });

    it('does not count text lines that start with a slash', () => {
      const body = [...Array.from({ length: 50 }, (_, i) => `/usr/lib/${i}`), '/help'].join('\n');
      expect(commands(body)).toEqual([{ name: 'help' }]);
    });

    it('takes its limits from the options', () => {
      expect(parseCommands('/help\n/help\n/help', { maxCommands: 2 })).toHaveLength(3);
      expect(parseCommands(`/label ${'x'.repeat(40)}`, { maxLineLength: 20 })[0]).toMatchObject({ ok: false, error: { name: 'label', message: 'the line is 47 characters long; a command line has at most 20' } });
    });

    it('refuses a very long line without reading all of it', () => {
      const line = `/waive GA-25 until 2026-12-04 reason: ${'"'.repeat(100_000)}`;
      const [parsed] = parseCommands(line);
      expect(parsed).toMatchObject({ ok: false, error: { name: 'waive', usage: '/waive <control-id> until <YYYY-MM-DD> reason: <text>' } });
      expect(parsed!.text.length).toBe(4096);
    });
  });

  describe('on a 65 KB comment of crafted text', () => {
    it('finds exactly the commands outside code and quotes', () => {
      const crafted = craftedComment();
      expect(crafted.body.length).toBeGreaterThanOrEqual(65_000);
      expect(crafted.body.length).toBeLessThanOrEqual(65_536);
      const parsed = parseCommands(crafted.body);
      expect(parsed.map((p) => ({ line: p.line, ok: p.ok }))).toEqual(crafted.expected);
    });
  });
});
