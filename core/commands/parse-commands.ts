import { truncate } from '../util/escape-markdown.js';
import { usageOf } from './command-usage.js';
import { parseCommandLine } from './parse-command-line.js';
import { scanCommandLines } from './scan-command-lines.js';
import type { ParsedCommandLine } from './types.js';

/** Limits of `parseCommands`; the defaults suit GitHub comments (at most 65,536 characters). */
export interface ParseCommandsOptions {
  /** Commands run from one comment; the next command line gets one error and the rest are not read. Default 10. */
  maxCommands?: number;
  /** Longest command line read, in characters; a longer one is refused unread. Default 4,096 (a
   * reason of 1,000 characters of astral-plane symbols such as emoji takes 2,000). */
  maxLineLength?: number;
  /** Command words of other bots in the repository (`lgtm`, `retest`): neither run nor refused. */
  ignore?: readonly string[];
}

/** The `name` of the error given to the first command line past `maxCommands`. */
export const TOO_MANY_COMMANDS = 'too-many-commands';

/**
 * The slash commands of a comment, in order: each line GitHub shows as text that starts with `/`
 * and a command word, parsed (`ok: true`) or refused with the right syntax (`ok: false`).
 * Commands in code blocks, quotes and HTML comments are not read; lines like `/usr/bin/env` are
 * text. Parsing is bounded: linear in the comment's length, at most `maxCommands` commands, and
 * no line longer than `maxLineLength` is tokenized.
 */
export function parseCommands(body: string, options: ParseCommandsOptions = {}): ParsedCommandLine[] {
  const maxCommands = options.maxCommands ?? 10;
  const maxLineLength = options.maxLineLength ?? 4096;
  const parsed: ParsedCommandLine[] = [];
  for (const candidate of scanCommandLines(body)) {
    const head = candidate.text.length > maxLineLength ? candidate.text.slice(0, maxLineLength) : candidate.text;
    const result = parseCommandLine(head, options.ignore);
    if (!result) continue;
    const text = truncate(candidate.text, maxLineLength);
    if (parsed.length === maxCommands) {
      const message = `a comment runs at most ${maxCommands} commands: this one (line ${candidate.line}) and any after it were not run; post them in another comment`;
      parsed.push({ line: candidate.line, text, ok: false, error: { name: TOO_MANY_COMMANDS, message, usage: usageOf('help') } });
      break;
    }
    if (candidate.text.length > maxLineLength) {
      const name = result.ok ? result.command.name : result.error.name;
      const message = `the line is ${candidate.text.length} characters long; a command line has at most ${maxLineLength}`;
      parsed.push({ line: candidate.line, text, ok: false, error: { name, message, usage: usageOf(name === 'gates-rerun' || name === 'gates-explain' ? 'gates' : name) } });
      continue;
    }
    parsed.push({ line: candidate.line, text, ...result });
  }
  return parsed;
}
