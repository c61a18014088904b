import type { Command } from 'commander';
import { formatError, isMaestroError } from '../core/errors.js';

/**
 * Runs a command and turns its outcome into an exit code: the command's own code, 2 for a
 * user-facing error (printed without a stack trace), 70 for a bug (stack with --debug).
 */
export async function runEntryPoint(program: Command, run: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (error) {
    if (isMaestroError(error)) {
      process.stderr.write(`${formatError(error)}\n`);
      if (program.opts().debug && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`error INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write(program.opts().debug ? `${(error as Error).stack ?? ''}\n` : '  this is a bug in maestro; run again with --debug for the stack trace and report it.\n');
    process.exitCode = 70;
  }
}
