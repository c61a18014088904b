import type { CommandError } from '../commands/types.js';
import { escapeCode, escapeMarkdown, truncate } from './escape-markdown.js';

/** A refused command line, as `parseCommands` returns it. */
export interface RefusedCommandLine {
  line: number;
  text: string;
  error: CommandError;
}

/**
 * The reply to a comment whose commands could not all be parsed: for each refused line, the line
 * as typed (in a code span, so no Markdown, HTML or mention in it takes effect), what is wrong and
 * the right syntax. Empty when nothing was refused.
 */
export function renderCommandErrors(refused: readonly RefusedCommandLine[]): string {
  if (refused.length === 0) return '';
  const head = refused.length === 1 ? 'Maestro could not run this command:' : `Maestro could not run ${refused.length} commands:`;
  const items = refused.map((r) => `- line ${r.line}: ${inlineCode(r.text)}: ${sentence(escapeMarkdown(truncate(r.error.message, 300), 300))}\n  Syntax: ${inlineCode(r.error.usage)}`);
  return [head, '', ...items, '', 'Nothing was changed for these lines. `/help` lists every command.'].join('\n');
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
