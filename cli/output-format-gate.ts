import type { GateResult } from '../core/engine/types.js';
import { renderGateNotes } from '../core/render/render-gate-notes.js';
import { renderGateNotesText } from '../core/render/render-gate-notes-text.js';
import { shellWord, withReproduceCommand } from '../core/result/next-steps.js';
import { stdoutOutput } from './output-format.js';

/** The inputs of `maestro gate` that decide its result, as the command line named them. */
export interface GateInputs {
  event: string;
  evidence: string;
  changedFiles?: string;
  config?: string;
  /** --no-config: ignore .github/maestro.yml. */
  noConfig?: boolean;
  catalog?: string;
  catalogMode?: string;
  waivers?: string;
  links?: string;
}

/** The `maestro gate` command line that decides the same again: the same inputs, and `--now` fixed to the evaluation time. */
export function gateReproduceCommand(inputs: GateInputs, now: string): string {
  const words = ['maestro', 'gate', '--event', shellWord(inputs.event), '--evidence', shellWord(inputs.evidence)];
  const optional: Array<[string, string | undefined]> = [['--changed-files', inputs.changedFiles], ['--config', inputs.config], ['--catalog', inputs.catalog], ['--catalog-mode', inputs.catalogMode], ['--waivers', inputs.waivers], ['--links', inputs.links]];
  for (const [flag, value] of optional) if (value !== undefined) words.push(flag, shellWord(value));
  if (inputs.noConfig) words.push('--no-config');
  words.push('--now', now);
  return words.join(' ');
}

/** The result with the reproduce step of these inputs, in place of the app's generic one. */
export function withGateInputs(result: GateResult, inputs: GateInputs): GateResult {
  return withReproduceCommand(result, gateReproduceCommand(inputs, result.evaluatedAt.replace('.000Z', 'Z')));
}

/** What `maestro gate` prints: the result as JSON, the gate notes as Markdown, or the terminal view. */
export function renderGateOutput(result: GateResult, requested: string | undefined): string {
  const { format, style } = stdoutOutput(requested);
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  return format === 'text' ? renderGateNotesText(result, style) : renderGateNotes(result);
}
