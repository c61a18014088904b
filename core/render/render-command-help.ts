import { COMMAND_USAGE } from '../commands/command-usage.js';
import { escapeCode } from '../util/escape-markdown.js';

/** Facts of the repository's configuration that `/help` states, when the app knows them. */
export interface CommandHelpOptions {
  /** Commands run from one comment. */
  maxCommands?: number;
  /** The longest waiver the configuration allows, in days. */
  maxWaiverDays?: number;
}

/**
 * The reply to `/help`: every command with its syntax and purpose, from the one table the parser
 * uses too. Holds no user text.
 */
export function renderCommandHelp(options: CommandHelpOptions = {}): string {
  const rows = Object.values(COMMAND_USAGE).map((c) => `| ${escapeCode(c.usage)} | ${c.summary} | ${escapeCode(c.example, 120)} |`);
  const perComment = options.maxCommands ? ` (at most ${options.maxCommands} per comment)` : '';
  const waiverLength = options.maxWaiverDays ? ` A waiver lasts at most ${options.maxWaiverDays} days.` : '';
  return [
    '### Maestro commands',
    '',
    `Write each command on its own line of a comment${perComment}. Commands inside code blocks, quotes and HTML comments are not run.`,
    '',
    '| Command | What it does | Example |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `\`/waive\`, \`/override\` and \`/create-task\` need the role the repository's Maestro configuration gives them; everyone else gets a refusal and nothing changes. Nobody waives or overrides their own pull request unless the configuration allows it (\`waivers.allowSelf\`, \`overrides.allowSelf\`).${waiverLength} Waivers and overrides always show as such in the gate notes, never as a pass.`,
  ].join('\n');
}
