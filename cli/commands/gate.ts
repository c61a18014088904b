import { existsSync } from 'node:fs';
import { parseConfig } from '../../core/config/parse-config.js';
import { evaluate } from '../../core/engine/evaluate.js';
import { prepareAssertions } from '../../core/engine/prepare-assertions.js';
import { toDecisionLog } from '../../core/engine/to-decision-log.js';
import { MaestroError } from '../../core/errors.js';
import { parseTrustedEvidenceList } from '../../core/evidence/parse-trusted-evidence.js';
import { assertionValidators } from '../../core/generated/assertions.js';
import { VERSION } from '../../core/generated/version.js';
import { readEvidenceDir } from '../../core/io/read-evidence-dir.js';
import { readInputFile, readJsonFile } from '../../core/io/read-input-file.js';
import { factsFromPullRequestEvent } from '../../core/pr/facts-from-event.js';
import { parseChangedFiles } from '../../core/pr/parse-changed-files.js';
import { renderGateNotes } from '../../core/render/render-gate-notes.js';
import { loadCatalog } from '../load-catalog.js';
import { printOut, writeFileAtomic } from '../write-output.js';

/** Options of `maestro gate`, as commander parses them. */
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

const MAX_EVENT_BYTES = 25 * 1024 * 1024;
const MAX_SMALL_FILE_BYTES = 5 * 1024 * 1024;
const DEFAULT_CONFIG_PATH = '.github/maestro.yml';

/** `maestro gate`: read the inputs, evaluate, print gate notes or JSON. Returns the exit code. */
export async function gateCommand(options: GateOptions): Promise<number> {
  if (options.config && options.noConfig) throw new MaestroError('USAGE', '--config and --no-config cannot be used together', { remedy: 'pass one of them.' });
  const now = options.now ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(now)) || !/^\d{4}-\d{2}-\d{2}T/.test(now)) {
    throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  }
  const changedFiles = options.changedFiles ? parseChangedFiles((await readInputFile(options.changedFiles, 'changed-files list', MAX_SMALL_FILE_BYTES)).toString('utf8'), options.changedFiles) : undefined;
  const pr = factsFromPullRequestEvent(await readJsonFile(options.event, 'event payload', MAX_EVENT_BYTES), changedFiles, options.event);
  const configPath = options.config ?? (!options.noConfig && existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined);
  const config = parseConfig(configPath ? (await readInputFile(configPath, 'config file', MAX_SMALL_FILE_BYTES)).toString('utf8') : undefined, configPath ?? '(defaults)');
  const catalog = await loadCatalog(options.catalog);
  const [assertions, evidence, waivers, links] = await Promise.all([
    prepareAssertions(catalog, assertionValidators),
    readEvidenceDir(options.evidence),
    options.waivers ? readJsonFile(options.waivers, 'waivers file', MAX_SMALL_FILE_BYTES).then((v) => parseTrustedEvidenceList(v, 'waiver', options.waivers!)) : [],
    options.links ? readJsonFile(options.links, 'links file', MAX_SMALL_FILE_BYTES).then((v) => parseTrustedEvidenceList(v, 'link', options.links!)) : [],
  ]);

  const result = evaluate({ catalog, assertions, config, pr, evidence, waivers, links, now });
  if (options.decisionLog) {
    const log = toDecisionLog(result, { name: 'maestro-cli', version: VERSION });
    await writeFileAtomic(options.decisionLog, `${JSON.stringify(log, null, 2)}\n`);
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderGateNotes(result));
  return result.conclusion === 'success' || result.conclusion === 'neutral' ? 0 : 1;
}
