import { assertValidReport } from '../core/evidence/assert-valid-report.js';
import { markdownToText } from '../core/render/markdown-to-text.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import { printOut, writeFileAtomic } from '../adapters/fs/write-output.js';
import { stdoutOutput, type OutputFormat } from './output-format.js';

/** The output options every gate command shares. */
export interface GateOutputOptions {
  /** `text`, `markdown` or `json`; unset: text at a terminal, Markdown otherwise. */
  format?: OutputFormat;
  /** Also write the evidence report to this file (atomically). */
  out?: string;
}

/**
 * Prints a gate's outcome (the evidence report with `--format json`, the Markdown with `--format
 * markdown`, plain text at a terminal or with `--format text`), writes the report to `--out`, and
 * returns the exit code: 0 passed, 1 failed. The report is checked against its schema first, so
 * nothing invalid is printed or written.
 */
export async function emitGateOutcome(outcome: GateOutcome<unknown>, options: GateOutputOptions, source: string): Promise<number> {
  await assertValidReport(outcome.report, source);
  const json = `${JSON.stringify(outcome.report, null, 2)}\n`;
  if (options.out) await writeFileAtomic(options.out, json);
  const { format, style } = stdoutOutput(options.format);
  await printOut(format === 'json' ? json : format === 'text' ? markdownToText(outcome.markdown, style) : outcome.markdown);
  return outcome.verdict === 'pass' ? 0 : 1;
}
