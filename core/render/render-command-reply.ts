import { escapeCode, escapeMarkdown, truncate } from '../util/escape-markdown.js';
import { GITHUB_TEXT_LIMIT } from './render-gate-notes.js';

/** What became of one command line of a comment (`line` is 1-based in the comment). */
export type CommandOutcome = { line: number; text: string } & (
  | { status: 'done'; result?: string }
  | { status: 'refused'; message: string }
  | { status: 'error'; message: string; usage?: string }
);

/** Hidden marker of the app's replies to commands. */
export const COMMAND_REPLY_MARKER = '<!-- maestro-conductor:command-reply -->';

/**
 * The reply to a comment's commands, or undefined when every command was done without anything to
 * show (the reaction on the comment is then the whole acknowledgement). Each refused or bad line is
 * quoted in a code span (no Markdown, HTML or mention in it takes effect) with what is wrong and the
 * right syntax; results are Markdown the app rendered itself.
 */
export function renderCommandReply(outcomes: readonly CommandOutcome[]): string | undefined {
  const failed = outcomes.filter((o) => o.status !== 'done');
  const results = outcomes.flatMap((o) => (o.status === 'done' && o.result ? [o.result] : []));
  if (failed.length === 0 && results.length === 0) return undefined;
  const parts: string[] = [COMMAND_REPLY_MARKER];
  for (const result of results) parts.push(result, '');
  if (failed.length > 0) {
    parts.push(failed.length === 1 ? 'Maestro could not run this command:' : `Maestro could not run ${failed.length} commands:`, '');
    for (const o of failed) {
      const what = sentence(escapeMarkdown(truncate(o.message, 1000), 1000));
      parts.push(`- line ${o.line}: ${inlineCode(o.text)}: ${o.status === 'refused' ? `refused: ${what}` : what}${o.status === 'error' && o.usage ? `\n  Syntax: ${inlineCode(o.usage)}` : ''}`);
    }
    parts.push('', 'Nothing was changed for these lines. `/help` lists every command.');
  }
  return truncate(`${parts.join('\n').trimEnd()}\n`, GITHUB_TEXT_LIMIT);
}

/**
 * A code span outside a table: `escapeCode` without its table escaping (outside a table a backslash
 * in a code span shows; the only backslashes `escapeCode` adds are those before pipes).
 */
function inlineCode(text: string): string {
  return escapeCode(text, 120).replace(/\\\|/g, '|');
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}
