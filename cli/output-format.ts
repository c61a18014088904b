import type { TerminalStyle } from '../core/render/terminal-style.js';

/** What a gate command prints: plain text for a person at a terminal, Markdown for a job summary or a file, JSON for tools. */
export type OutputFormat = 'text' | 'markdown' | 'json';

/** The `--format` choices of the gate commands. */
export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'markdown', 'json'];

/**
 * The format to print: the one asked for, else plain text when stdout is a terminal and Markdown
 * when it is not (a pipe, a file, `>> "$GITHUB_STEP_SUMMARY"`), as before the text view existed.
 */
export function resolveOutputFormat(requested: string | undefined, stdoutIsTerminal: boolean): OutputFormat {
  if (requested === 'text' || requested === 'markdown' || requested === 'json') return requested;
  return stdoutIsTerminal ? 'text' : 'markdown';
}

/**
 * Whether the text view is coloured, as Node's own `tty` decides: FORCE_COLOR wins (`0` or `false`
 * turns colour off), then a non-empty NO_COLOR (https://no-color.org) turns it off, then a
 * terminal that is not `dumb` turns it on.
 */
export function colorEnabled(env: Record<string, string | undefined>, stdoutIsTerminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return stdoutIsTerminal && env.TERM !== 'dumb';
}

/** The format and style of this process's stdout. */
export function stdoutOutput(requested: string | undefined): { format: OutputFormat; style: TerminalStyle } {
  const terminal = process.stdout.isTTY === true;
  return { format: resolveOutputFormat(requested, terminal), style: { color: colorEnabled(process.env, terminal) } };
}
