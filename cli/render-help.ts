import { COMMANDS } from './command-spec.js';
import type { CommandSpec } from './option-spec.js';

const WIDTH = 32;

/** What each command group is for, shown by `maestro <group> --help`. */
const GROUP_SUMMARIES: Record<string, string> = {
  controls: 'Show the controls catalog.',
  evidence: 'Build release evidence bundles.',
  drill: 'Run operational drills that produce drill-report evidence.',
  ledger: 'Verify, export, seal and append to the tamper-evident audit ledger of privileged acts.',
};

/** `--help` text of the program, of a command group (`maestro controls`), or of one command. */
export function renderHelp(command?: CommandSpec, group?: string): string {
  if (command) {
    const args = (command.args ?? []).map((a) => (a.required ? `<${a.name}${a.variadic ? '...' : ''}>` : `[${a.name}${a.variadic ? '...' : ''}]`)).join(' ');
    const rows = command.options.map((o) => [
      `--${o.name}${o.value ? ` <${o.value}>` : ''}`,
      `${o.description}${o.choices ? ` (choices: ${o.choices.join(', ')}${o.default ? `; default: ${o.default}` : ''})` : ''}${o.required ? ' (required)' : ''}${o.multiple ? ' (repeatable)' : ''}`,
    ]);
    rows.push(['--debug', 'print stack traces of unexpected errors'], ['-h, --help', 'display help for command']);
    return `Usage: maestro ${command.words.join(' ')} [options]${args ? ` ${args}` : ''}\n\n${command.summary}\n\nOptions:\n${table(rows)}`;
  }
  const listed = group ? COMMANDS.filter((c) => c.words[0] === group) : COMMANDS;
  const rows = listed.map((c) => [`${c.words.join(' ')}${(c.args ?? []).map((a) => ` <${a.name}${a.variadic ? '...' : ''}>`).join('')}`, c.summary]);
  const title = group ? `Usage: maestro ${group} <command> [options]\n\n${GROUP_SUMMARIES[group] ?? ''}` : 'Usage: maestro <command> [options]\n\nEvidence-gated delivery: decide which controls a pull request meets, from the evidence attached to it.';
  const options = group ? '' : `\nOptions:\n${table([['-V, --version', 'output the version number'], ['--debug', 'print stack traces of unexpected errors'], ['-h, --help', 'display help for command']])}`;
  return `${title}\n\nCommands:\n${table(rows)}${options}\nRun maestro <command> --help for a command's options.\n`;
}

function table(rows: string[][]): string {
  return rows.map(([left, right]) => (left!.length >= WIDTH - 2 ? `  ${left}\n${' '.repeat(WIDTH)}${right}` : `  ${left!.padEnd(WIDTH - 2)}${right}`)).join('\n').concat('\n');
}
