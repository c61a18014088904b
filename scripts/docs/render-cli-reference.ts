/**
 * docs/reference/cli.md: every command of `maestro` with its arguments, options, defaults and
 * examples, rendered from the command table (cli/command-spec.ts), the table `--help` and the
 * parser read too, so the page lists exactly what the CLI accepts.
 */
import type { CommandSpec, OptionSpec } from '../../cli/option-spec.js';
import { CLI_EXAMPLES } from './cli-examples.js';
import { cell, code, generatedBanner, table } from './markdown.js';

/** Another name of a command, such as `ig-evidence` for `maestro evidence bundle`. */
export interface CommandAlias {
  name: string;
  words: string[];
}

/** The usage line of a command: `maestro verify <bundle> [options]`. */
export function usageOf(command: CommandSpec): string {
  const args = (command.args ?? []).map((a) => (a.required ? `<${a.name}${a.variadic ? '...' : ''}>` : `[${a.name}${a.variadic ? '...' : ''}]`));
  const required = command.options.filter((o) => o.required).map((o) => `--${o.name}${o.value ? ` <${o.value}>` : ''}`);
  return ['maestro', ...command.words, ...args, ...required, ...(command.options.some((o) => !o.required) ? ['[options]'] : [])].join(' ');
}

/** The GitHub anchor of a command's section: `maestro-evidence-bundle`. */
export function commandAnchor(command: Pick<CommandSpec, 'words'>): string {
  return ['maestro', ...command.words].join('-').toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** What the option defaults to: its declared default, else the `(default: ...)` its description names. */
function defaultOf(option: OptionSpec): string {
  if (option.default !== undefined) return code(option.default);
  const said = /\(default:? ([^)]*)\)/.exec(option.description)?.[1];
  return said ? cell(said) : '';
}

function optionRow(option: OptionSpec): string[] {
  const notes = [option.required ? 'required' : '', option.multiple ? 'repeatable' : '', option.choices ? `one of ${option.choices.map(code).join(', ')}` : ''].filter(Boolean);
  return [code(`--${option.name}${option.value ? ` <${option.value}>` : ''}`), defaultOf(option), cell(`${option.description}${notes.length ? ` (${notes.join('; ')})` : ''}`)];
}

/** The examples shown for a command; one built from its required options when none is written. */
export function examplesOf(command: CommandSpec): string[] {
  return CLI_EXAMPLES[command.words.join(' ')] ?? [usageOf(command).replace(' [options]', '')];
}

function section(command: CommandSpec, aliases: CommandAlias[]): string {
  const also = aliases.filter((a) => a.words.join(' ') === command.words.join(' ')).map((a) => code(a.name));
  const lines = [
    `### ${['maestro', ...command.words].join(' ')}`,
    '',
    command.summary,
    ...(also.length ? ['', `Also installed as ${also.join(', ')}: the same command under its own name.`] : []),
    '',
    '```text',
    usageOf(command),
    '```',
    '',
  ];
  if (command.args?.length) {
    lines.push(`Arguments: ${command.args.map((a) => `${code(`<${a.name}${a.variadic ? '...' : ''}>`)}${a.required ? '' : ' (optional)'}${a.variadic ? ', one or more' : ''}`).join(', ')}.`, '');
  }
  if (command.options.length) lines.push(table(['Option', 'Default', 'Meaning'], command.options.map(optionRow)), '');
  lines.push('Example:', '', '```sh', ...examplesOf(command), '```', '');
  return lines.join('\n');
}

/** The whole page. */
export function renderCliReference(commands: CommandSpec[], aliases: CommandAlias[]): string {
  const contents = commands.map((c) => [`[${['maestro', ...c.words].join(' ')}](#${commandAnchor(c)})`, cell(c.summary.replace(/ Exit .*$/, ''))]);
  return [
    generatedBanner('cli/command-spec.ts'),
    '',
    '# CLI reference',
    '',
    'Every command of `maestro`, as `maestro <command> --help` prints it. Install the CLI as',
    '[docs/cli-install.md](../cli-install.md) says; what each command is for, with the reasoning behind it, is in',
    'the guides linked from the [README](../../README.md#reference).',
    '',
    'Every command also takes `--debug` (stack traces of unexpected errors) and `-h, --help`; `maestro --version`',
    'prints the version. Errors print one line with a code and a remedy.',
    '',
    table(['Exit code', 'Meaning'], [
      ['0', 'the gate passed or nothing applies; every check held'],
      ['1', 'the gate failed (or the repo config is invalid); some check failed'],
      ['2', 'usage error or unreadable input (missing file, not JSON, wrong payload shape, invalid catalog)'],
    ]),
    '',
    table(['Environment variable', 'Meaning'], [
      [code('MAESTRO_COMPILE_CACHE'), "folder for V8's compiled code of the bundles (default: `$TMPDIR/maestro-compile-cache-<uid>`); later starts are about a third faster"],
      [code('NODE_DISABLE_COMPILE_CACHE=1'), 'turns the compile cache off'],
      [code('GITHUB_TOKEN'), 'token for the commands that call GitHub (`scoreboard --github`, `drill incident`)'],
    ]),
    '',
    '## Commands',
    '',
    table(['Command', 'What it does'], contents),
    '',
    ...commands.map((c) => section(c, aliases)),
  ].join('\n');
}
