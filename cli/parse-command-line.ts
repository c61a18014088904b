import { parseArgs } from 'node:util';
import { MaestroError } from '../core/errors.js';
import { COMMANDS } from './command-spec.js';
import type { CommandSpec } from './option-spec.js';

/** What the command line asks for. */
export type Invocation =
  | { type: 'run'; command: CommandSpec; options: Record<string, string | string[] | boolean | undefined>; args: string[]; debug: boolean }
  | { type: 'help'; command?: CommandSpec; group?: string }
  | { type: 'version' };

const GLOBAL_FLAGS = new Set(['--debug', '--help', '-h', '--version', '-V']);

/**
 * Finds the command (its words come first), then parses its options strictly with Node's
 * `util.parseArgs`: unknown options, missing values, bad choices and missing required options or
 * arguments are USAGE errors that name the option and the command.
 */
export function parseCommandLine(argv: string[]): Invocation {
  const words = argv.filter((a) => !a.startsWith('-'));
  const command = [...COMMANDS].sort((a, b) => b.words.length - a.words.length).find((c) => c.words.every((w, i) => words[i] === w));
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (!command) {
    if (argv.includes('--version') || argv.includes('-V')) return { type: 'version' };
    const group = words[0] !== undefined && COMMANDS.some((c) => c.words[0] === words[0] && c.words.length > 1) ? words[0] : undefined;
    if (wantsHelp || argv.length === 0 || (group && words.length === 1)) return group ? { type: 'help', group } : { type: 'help' };
    throw new MaestroError('USAGE', words[0] ? `unknown command '${words.join(' ')}'` : `unknown option '${argv[0]}'`, { remedy: 'run maestro --help to see the commands.' });
  }
  if (wantsHelp) return { type: 'help', command };
  const rest = [...argv];
  for (const word of command.words) rest.splice(rest.indexOf(word), 1);
  const debug = rest.includes('--debug');
  const name = `maestro ${command.words.join(' ')}`;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest.filter((a) => !GLOBAL_FLAGS.has(a)),
      options: Object.fromEntries(command.options.map((o) => [o.name, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option') : String(error);
    throw new MaestroError('USAGE', `${message} (${name})`, { remedy: `run ${name} --help for its options.` });
  }
  const options: Record<string, string | string[] | boolean | undefined> = {};
  for (const spec of command.options) {
    const value = parsed.values[spec.name] as string | string[] | boolean | undefined;
    if (value === undefined && spec.required) throw new MaestroError('USAGE', `required option '--${spec.name} <${spec.value ?? 'value'}>' not specified (${name})`, { remedy: `run ${name} --help for its options.` });
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) {
      throw new MaestroError('USAGE', `option '--${spec.name}' must be one of ${spec.choices.join(', ')}, not '${value}' (${name})`, { remedy: `run ${name} --help for its options.` });
    }
    options[camel(spec.name)] = value ?? spec.default;
  }
  const args = parsed.positionals;
  const specs = command.args ?? [];
  const missing = specs.find((a, i) => a.required && args[i] === undefined);
  if (missing) throw new MaestroError('USAGE', `missing required argument '${missing.name}' (${name})`, { remedy: `run ${name} --help for its usage.` });
  if (!specs.some((a) => a.variadic) && args.length > specs.length) throw new MaestroError('USAGE', `too many arguments: ${args.slice(specs.length).join(' ')} (${name})`, { remedy: `run ${name} --help for its usage.` });
  return { type: 'run', command, options, args, debug };
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
