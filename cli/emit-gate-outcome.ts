import { assertValidReport } from '../core/evidence/assert-valid-report.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import { printOut, writeFileAtomic } from '../adapters/fs/write-output.js';

/** The output options every gate command shares. */
export interface GateOutputOptions {
  format: 'json' | 'markdown';
  /** Also write the evidence report to this file (atomically). */
  out?: string;
}

/**
 * Prints a gate's outcome (the evidence report with `--format json`, the Markdown otherwise),
 * writes the report to `--out`, and returns the exit code: 0 passed, 1 failed. The report is
 * checked against its schema first, so nothing invalid is printed or written.
 */
export async function emitGateOutcome(outcome: GateOutcome<unknown>, options: GateOutputOptions, source: string): Promise<number> {
  await assertValidReport(outcome.report, source);
  const json = `${JSON.stringify(outcome.report, null, 2)}\n`;
  if (options.out) await writeFileAtomic(options.out, json);
  await printOut(options.format === 'json' ? json : outcome.markdown);
  return outcome.verdict === 'pass' ? 0 : 1;
}
