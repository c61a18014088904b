import { existsSync } from 'node:fs';
import { toDecisionLog } from '../../core/engine/to-decision-log.js';
import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { evaluateFromFiles, isEvaluationTime } from '../../flows/evaluate-from-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { readEvidenceDir } from '../../adapters/fs/read-evidence-dir.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { printOut, writeFileAtomic } from '../../adapters/fs/write-output.js';
import { renderGateNotes } from '../../core/render/render-gate-notes.js';

/** Options of `maestro gate`, as the command line gives them. */
export interface GateOptions {
  event: string;
  evidence: string;
  changedFiles?: string;
  config?: string;
  /** --no-config: ignore .github/maestro.yml. */
  noConfig?: boolean;
  catalog?: string;
  waivers?: string;
  links?: string;
  now?: string;
  format: 'markdown' | 'json';
  decisionLog?: string;
}

const DEFAULT_CONFIG_PATH = '.github/maestro.yml';

/** `maestro gate`: read the inputs, evaluate, print gate notes or JSON. Returns the exit code. */
export async function gateCommand(options: GateOptions): Promise<number> {
  if (options.config && options.noConfig) throw new MaestroError('USAGE', '--config and --no-config cannot be used together', { remedy: 'pass one of them.' });
  const now = options.now ?? new Date().toISOString();
  if (!isEvaluationTime(now)) throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const config = options.config ?? (!options.noConfig && existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined);
  const result = await evaluateFromFiles({ ...options, config, now }, { files: fsInputFiles, loadCatalog, readEvidence: readEvidenceDir });
  if (options.decisionLog) {
    const log = toDecisionLog(result, { name: 'maestro-cli', version: VERSION });
    await writeFileAtomic(options.decisionLog, `${JSON.stringify(log, null, 2)}\n`);
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderGateNotes(result));
  return result.conclusion === 'success' || result.conclusion === 'neutral' ? 0 : 1;
}
