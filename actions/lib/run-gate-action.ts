import { formatError, isMaestroError } from '../../core/errors.js';
import type { GateOutcome } from '../../core/result/gate-outcome.js';
import type { GateActionIo } from './gate-action-io.js';
import { publishGateOutcome, type PublishSettings } from './publish-gate-outcome.js';

/**
 * The one entry point of every gate action's `run`: computes the outcome, publishes it, and turns
 * any error into a failed step with its code and remedy (bad input fails the step like a failed
 * gate: the evidence is missing either way). Returns the outcome, or undefined when it failed early.
 */
export async function runGateAction<D>(
  compute: () => Promise<GateOutcome<D>>,
  settings: PublishSettings,
  io: GateActionIo,
): Promise<GateOutcome<D> | undefined> {
  try {
    const outcome = await compute();
    await publishGateOutcome(outcome as GateOutcome<unknown>, settings, io);
    return outcome;
  } catch (error) {
    failStep(error, io);
    return undefined;
  }
}

/** Fails the step with a typed error's code and remedy, or as an internal error with its stack. */
export function failStep(error: unknown, io: Pick<GateActionIo, 'setFailed'>): void {
  io.setFailed(isMaestroError(error) ? formatError(error) : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
