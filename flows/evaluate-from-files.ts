import { parseConfig } from '../core/config/parse-config.js';
import { evaluate } from '../core/engine/evaluate.js';
import { prepareAssertions } from '../core/engine/prepare-assertions.js';
import type { GateResult } from '../core/engine/types.js';
import { parseTrustedEvidenceList } from '../core/evidence/parse-trusted-evidence.js';
import { assertionValidators } from '../core/generated/assertions.js';
import { factsFromPullRequestEvent } from '../core/pr/facts-from-event.js';
import { parseChangedFiles } from '../core/pr/parse-changed-files.js';
import { linkEvidenceFromBody } from '../core/pr/link-evidence-from-body.js';
import { repoWideKinds, trustEvidence, type ProducedEvidence } from '../core/evidence/trust-evidence.js';
import type { LoadCatalog } from '../core/ports/catalog-source.js';
import type { ReadEvidenceFolder } from '../core/ports/evidence-folder.js';
import type { InputFiles } from '../core/ports/input-files.js';

/** The files one gate evaluation reads, as the CLI and the root action name them. */
export interface GateFiles {
  /** A `pull_request` webhook payload. */
  event: string;
  /** Folder of evidence reports. */
  evidence: string;
  changedFiles?: string;
  /** The repo config; absent means the defaults. */
  config?: string;
  /** A catalog folder; absent means the shipped catalog. */
  catalog?: string;
  waivers?: string;
  links?: string;
  /** Evaluation time, RFC 3339. */
  now: string;
  /**
   * Reports read from GitHub (the commit's artifacts, the default branch's repo-wide ones), each with the
   * run that produced it: added to the folder's once those the PR could have forged are set apart.
   */
  producedEvidence?: ProducedEvidence[];
  /** The PR's changed paths when known without a file (listed from GitHub). */
  changedPaths?: string[];
  /**
   * Reviewers with write access who approved the PR: when given, the links of the PR body's
   * `## Evidence` section count as manual evidence (approved by them), as in the app.
   */
  approvers?: string[];
  /** Who records the body's links as evidence. */
  producer?: { name: string; version: string };
}

/** What a gate evaluation reads through: the named files, the catalog of controls, the evidence folder. */
export interface EvaluateIo {
  files: InputFiles;
  loadCatalog: LoadCatalog;
  readEvidence: ReadEvidenceFolder;
}

const MAX_EVENT_BYTES = 25 * 1024 * 1024;
const MAX_SMALL_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads every input of a gate evaluation from files and evaluates. Unreadable or malformed inputs
 * throw `MaestroError`s naming the file; a bad repo config is not an error here but an
 * `action_required` result, and bad evidence files are `invalid` decisions.
 */
export async function evaluateFromFiles(files: GateFiles, io: EvaluateIo): Promise<GateResult> {
  const changedFiles = files.changedFiles ? parseChangedFiles((await io.files.read(files.changedFiles, 'changed-files list', MAX_SMALL_FILE_BYTES)).toString('utf8'), files.changedFiles) : files.changedPaths;
  const pr = factsFromPullRequestEvent(await io.files.readJson(files.event, 'event payload', MAX_EVENT_BYTES), changedFiles, files.event);
  const config = parseConfig(files.config ? (await io.files.read(files.config, 'config file', MAX_SMALL_FILE_BYTES)).toString('utf8') : undefined, files.config ?? '(defaults)');
  const catalog = await io.loadCatalog(files.catalog);
  const [assertions, evidence, waivers, links] = await Promise.all([
    prepareAssertions(catalog, assertionValidators),
    io.readEvidence(files.evidence),
    files.waivers ? io.files.readJson(files.waivers, 'waivers file', MAX_SMALL_FILE_BYTES).then((v) => parseTrustedEvidenceList(v, 'waiver', files.waivers!)) : [],
    files.links ? io.files.readJson(files.links, 'links file', MAX_SMALL_FILE_BYTES).then((v) => parseTrustedEvidenceList(v, 'link', files.links!)) : [],
  ]);
  const bodyLinks = files.approvers ? await linkEvidenceFromBody(pr, files.approvers, files.now, files.producer ?? { name: 'maestro', version: '0' }) : [];
  return evaluate({ catalog, assertions, config, pr, evidence: [...evidence, ...trustEvidence(files.producedEvidence ?? [], { changedFiles: pr.changedFiles, repoWide: repoWideKinds(catalog), ...(config.ok ? { producers: config.config.producers, configSource: config.source } : {}) })], waivers, links: [...links, ...bodyLinks], now: files.now });
}

/** Checks an evaluation time given by a user: RFC 3339, such as 2026-11-20T12:00:00Z. */
export function isEvaluationTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));
}
