/**
 * `maestro`: the gate engine and its tools on the command line. Each command's code is loaded
 * only when that command runs, so a `maestro gate` start stays lean.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../core/generated/version.js';
import { runEntryPoint } from './run-entry-point.js';

const program = new Command('maestro')
  .description('Evidence-gated delivery: decide which controls a pull request meets, from the evidence attached to it.')
  .version(VERSION, '-V, --version')
  .option('--debug', 'print stack traces of unexpected errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command('gate')
  .description('Evaluate a pull request against the controls catalog and print gate notes. Exit 0 passed or nothing applies, 1 failed, 2 bad input.')
  .requiredOption('--event <file>', 'pull_request webhook payload (JSON), e.g. $GITHUB_EVENT_PATH')
  .requiredOption('--evidence <dir>', 'folder of evidence reports (*.json, searched recursively)')
  .option('--changed-files <file>', 'changed paths, one per line or a JSON array (without it, path rules are assumed to match)')
  .option('--config <file>', 'repo config (default: .github/maestro.yml when present)')
  .option('--no-config', 'ignore .github/maestro.yml and use the defaults')
  .option('--catalog <dir>', 'folder of control files (default: the catalog shipped with maestro)')
  .option('--waivers <file>', 'waivers: a JSON array of waiver reports')
  .option('--links <file>', 'manual evidence: a JSON array of link reports approved by reviewers')
  .option('--now <time>', 'evaluation time, RFC 3339 (default: now); fixes freshness and waiver expiry for reproducible runs')
  .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
  .option('--decision-log <file>', 'also write the decisions as a decision-log evidence report')
  .action(async (options) => runEntryPoint(program, async () => (await import('./commands/gate.js')).gateCommand(options)));

program
  .command('validate')
  .description('Check evidence reports against their schemas. Exit 0 all valid, 1 some invalid, 2 unreadable.')
  .argument('<paths...>', 'evidence files, or folders to search for *.json')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (paths: string[], options) => runEntryPoint(program, async () => (await import('./commands/validate.js')).validateCommand(paths, options)));

const controls = program.command('controls').description('Show the controls catalog.');
controls
  .command('list')
  .description('List every control with its priority, blocking flag and evidence kinds.')
  .option('--catalog <dir>', 'folder of control files (default: the shipped catalog)')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
  .action(async (options) => runEntryPoint(program, async () => (await import('./commands/controls.js')).listControls(options)));
controls
  .command('show')
  .description('Show one control: framework mappings, when it applies, and its evidence requirements.')
  .argument('<id>', 'control id, such as GA-08')
  .option('--catalog <dir>', 'folder of control files (default: the shipped catalog)')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (id: string, options) => runEntryPoint(program, async () => (await import('./commands/controls.js')).showControl(id, options)));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every usage error exits 2, the code for "bad input".
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
