/**
 * `maestro`: the gate engine and its tools on the command line. The command line is parsed with
 * Node's own `util.parseArgs`; each command's code is loaded only when that command runs, so a
 * `maestro gate` start stays lean. `bin/maestro.cjs` calls `main`.
 */
import { formatError, isMaestroError } from '../core/errors.js';
import { VERSION } from '../core/generated/version.js';
import { parseCommandLine, type Invocation } from './parse-command-line.js';
import { renderHelp } from './render-help.js';

export { enableCompileCache } from './compile-cache.js';

/** Parses the command line, runs the command, and sets the exit code. Never throws. */
export async function main(argv: string[]): Promise<void> {
  let invocation: Invocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    if (!isMaestroError(error)) throw error;
    process.stderr.write(`${formatError(error)}\n`);
    process.exitCode = 2;
    return;
  }
  if (invocation.type === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (invocation.type === 'help') {
    process.stdout.write(renderHelp(invocation.command, invocation.group));
    return;
  }
  const { command, options, args, debug } = invocation;
  try {
    process.exitCode = await command.run(options, args);
  } catch (error) {
    if (isMaestroError(error)) {
      process.stderr.write(`${formatError(error)}\n`);
      if (debug && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
      process.exitCode = 2;
    } else {
      // Anything else is a bug: say so, and show the stack only when asked.
      process.stderr.write(`error INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
      process.stderr.write(debug ? `${(error as Error).stack ?? ''}\n` : '  this is a bug in maestro; run again with --debug for the stack trace and report it.\n');
      process.exitCode = 70;
    }
  }
}
