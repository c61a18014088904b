import { existsSync } from 'node:fs';
import { toDecisionLog } from '../../core/engine/to-decision-log.js';
import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { evaluateFromFiles, isEvaluationTime } from '../../flows/evaluate-from-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { readEvidenceDir } from '../../adapters/fs/read-evidence-dir.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { printOut, writeFileAtomic } from '../../adapters/fs/write-output.js';
import { type GateInputs, renderGateOutput, withGateInputs } from '../output-format-gate.js';

/** Options of `maestro gate`, as the command line gives them: the inputs that decide, and how to print. */
export interface GateOptions extends GateInputs {
  /** --catalog-mode: how the --catalog folder combines with the shipped catalog (default replace). */
  catalogMode?: 'replace' | 'extend';
  now?: string;
  /** `text`, `markdown` or `json`; unset: text at a terminal, Markdown otherwise. */
  format?: 'text' | 'markdown' | 'json';
  decisionLog?: string;
}

const DEFAULT_CONFIG_PATH = '.github/maestro.yml';

/** `maestro gate`: read the inputs, evaluate, print gate notes or JSON. Returns the exit code. */
export async function gateCommand(options: GateOptions): Promise<number> {
  if (options.config && options.noConfig) throw new MaestroError('USAGE', '--config and --no-config cannot be used together', { remedy: 'pass one of them.' });
  const now = options.now ?? new Date().toISOString();
  if (!isEvaluationTime(now)) throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const config = options.config ?? (!options.noConfig && existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined);
  if (options.catalogMode && !options.catalog) throw new MaestroError('USAGE', '--catalog-mode needs --catalog', { remedy: 'name the folder of control files with --catalog <dir>, or leave --catalog-mode out to use the shipped catalog.' });
  const evaluated = await evaluateFromFiles({ ...options, config, now }, { files: fsInputFiles, loadCatalog: (dir) => loadCatalog(dir, options.catalogMode), readEvidence: readEvidenceDir });
  // Its next steps reproduce it with these very inputs.
  const result = withGateInputs(evaluated, { ...options, config, noConfig: options.noConfig && !options.config });
  if (options.decisionLog) {
    const log = toDecisionLog(result, { name: 'maestro-cli', version: VERSION });
    await writeFileAtomic(options.decisionLog, `${JSON.stringify(log, null, 2)}\n`);
  }
  await printOut(renderGateOutput(result, options.format));
  // Report-only never fails the command: the notes (and the JSON's mode.wouldFail) say what would.
  return result.conclusion === 'success' || result.conclusion === 'neutral' ? 0 : 1;
}
