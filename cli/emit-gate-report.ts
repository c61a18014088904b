import type { EvidenceReport } from '../core/evidence/types.js';
import { printOut, writeFileAtomic } from '../core/io/write-output.js';

/** Output options every gate command shares. */
export interface GateOutputOptions {
  format: 'markdown' | 'json';
  /** Also write the evidence report (JSON) to this file, atomically. */
  out?: string;
}

/**
 * Prints a gate's result (the evidence report as JSON, or its Markdown) and writes the report to
 * `--out`. Returns the exit code: 0 passed, 1 failed.
 */
export async function emitGateReport(report: EvidenceReport<unknown>, markdown: string, passed: boolean, options: GateOutputOptions): Promise<number> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.out) await writeFileAtomic(options.out, json);
  await printOut(options.format === 'json' ? json : markdown);
  return passed ? 0 : 1;
}
