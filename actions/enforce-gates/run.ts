import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAILING } from '../../core/engine/conclude.js';
import { toDecisionLog } from '../../core/engine/to-decision-log.js';
import type { GateResult } from '../../core/engine/types.js';
import { formatError, isMaestroError, MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { evaluateFromFiles } from '../../flows/evaluate-from-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { readEvidenceDir } from '../../adapters/fs/read-evidence-dir.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { writeFileAtomic } from '../../adapters/fs/write-output.js';
import { renderGateNotes } from '../../core/render/render-gate-notes.js';
import { renderCheckOutput } from '../../core/render/render-check-output.js';
import { readJsonFile } from '../../adapters/fs/read-input-file.js';
import { repoWideMaxAgeMs, type ProducedEvidence } from '../../core/evidence/trust-evidence.js';
import { isDateTime } from '../../core/util/is-date-time.js';
import { hasEvidenceLinks } from '../../core/pr/parse-evidence-links.js';
import type { WorkflowGitHub } from '../../adapters/github/workflow-github.js';
import type { RepoRef } from '../../core/pr/repo-ref.js';

/** What the action reads, already resolved by main.ts from its inputs and the runner's environment. */
export interface RunInputs {
  /** The event that triggered the workflow: only pull_request and pull_request_target are evaluated. */
  eventName: string;
  eventPath: string;
  evidence: string;
  config: string;
  /** True when the config input is its default: a missing file then means the defaults. */
  configIsDefault: boolean;
  catalog?: string;
  /** How the catalog folder combines with the shipped catalog: `replace` (the default) or `extend`. */
  catalogMode?: string;
  changedFiles?: string;
  waivers?: string;
  /** Folder for the result files (the runner's temp folder). */
  outputDir: string;
  /** Evaluation time, RFC 3339: the `now` input, or the runner's clock. */
  now: string;
  /** Publish the check run "Enforce GA Gates Evidence" on the PR's head commit (needs `checks: write`). */
  checkRun: boolean;
}

/** The runner I/O the action uses: `@actions/core` in production, a fake in tests. */
export interface ActionIo {
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * Enforce GA Gates Evidence inside a workflow: evaluates the PR against the catalog from the
 * evidence reports on disk, writes the gate notes to the job summary, the full result and the
 * decision log to files, sets outputs, and fails the step unless the gate passed or nothing applied.
 * In report-only mode the step does not fail on unmet controls, and says so with what would fail.
 */
export async function run(inputs: RunInputs, io: ActionIo, connect?: (repo: RepoRef) => WorkflowGitHub): Promise<GateResult | undefined> {
  try {
    if (!PULL_REQUEST_EVENTS.has(inputs.eventName)) {
      throw new MaestroError('USAGE', `Enforce GA Gates Evidence evaluates pull requests, but this run was triggered by ${inputs.eventName || 'no event (GITHUB_EVENT_NAME is not set)'}`, {
        remedy: 'run the workflow on pull_request (or pull_request_target) events.',
      });
    }
    if (!isDateTime(inputs.now)) {
      throw new MaestroError('USAGE', `the input now ${JSON.stringify(inputs.now)} is not an RFC 3339 time`, { remedy: "set now to a time such as 2026-11-20T12:00:00Z, or leave it empty to decide as of the runner's clock." });
    }
    const catalogMode = inputs.catalogMode;
    if (catalogMode !== undefined && catalogMode !== 'replace' && catalogMode !== 'extend') {
      throw new MaestroError('USAGE', `the input catalog-mode ${JSON.stringify(catalogMode)} is neither replace nor extend`, { remedy: 'set catalog-mode to replace (the folder replaces the shipped catalog) or extend (it adds to it), or leave it empty.' });
    }
    const load = (dir: string | undefined) => loadCatalog(dir, catalogMode);
    const config = inputs.configIsDefault && !existsSync(inputs.config) ? undefined : inputs.config;
    if (!config) io.info(`${inputs.config} does not exist: using the default configuration.`);
    const onDisk = existsSync(inputs.evidence);
    const evidence = onDisk ? inputs.evidence : emptyFolder(inputs.outputDir);
    const pull = await readPull(inputs.eventPath);
    const github = connect?.(pull.repo);

    // With a token, ask GitHub what the event does not say, as the app does: the commit's evidence
    // artifacts (when no folder was downloaded), the changed files, and who approved manual links.
    // The repo-wide evidence (drift, drills, SLO burn) comes from the default branch's scheduled runs.
    let producedEvidence: ProducedEvidence[] = [];
    if (!onDisk && github) {
      const horizon = new Date(Date.parse(inputs.now) - repoWideMaxAgeMs(await load(inputs.catalog))).toISOString();
      producedEvidence = await github.commitEvidence(pull.headSha, pull.repo.defaultBranch ? { branch: pull.repo.defaultBranch, horizon } : undefined);
      io.info(`Evidence folder ${inputs.evidence} does not exist: read ${producedEvidence.length} report(s) from the maestro-evidence artifacts of commit ${pull.headSha.slice(0, 7)}${pull.repo.defaultBranch ? ` and the newest repo-wide ones of ${pull.repo.defaultBranch}` : ''}.`);
    } else if (!onDisk) {
      io.warning(`Evidence folder ${inputs.evidence} does not exist and no github-token was given: every requirement without evidence is reported missing. Download the maestro-evidence artifacts into it first.`);
    }
    const changedPaths = !inputs.changedFiles && github ? await github.changedFiles(pull.number, pull.changedFiles) : undefined;
    const approvers = github && hasEvidenceLinks(pull.body) ? await github.approvers(pull.number) : undefined;

    const result = await evaluateFromFiles({
      event: inputs.eventPath,
      evidence,
      config,
      catalog: inputs.catalog,
      changedFiles: inputs.changedFiles,
      waivers: inputs.waivers,
      now: inputs.now,
      producedEvidence,
      ...(changedPaths ? { changedPaths } : {}),
      ...(approvers ? { approvers, producer: { name: 'maestro-action', version: VERSION } } : {}),
    }, { files: fsInputFiles, loadCatalog: load, readEvidence: readEvidenceDir });
    const reportPath = join(inputs.outputDir, 'maestro-gate-result.json');
    const decisionLogPath = join(inputs.outputDir, 'maestro-decision-log.json');
    await writeFileAtomic(reportPath, `${JSON.stringify(result, null, 2)}\n`);
    await writeFileAtomic(decisionLogPath, `${JSON.stringify(toDecisionLog(result, { name: 'maestro-action', version: VERSION }), null, 2)}\n`);
    await io.appendSummary(renderGateNotes(result));

    const failing = result.controls.filter((c) => c.blocking && FAILING.has(c.result)).map((c) => c.controlId);
    io.setOutput('conclusion', result.conclusion);
    io.setOutput('report-path', reportPath);
    io.setOutput('decision-log-path', decisionLogPath);
    io.setOutput('failing-controls', failing.join(','));
    io.setOutput('applicable-controls', String(result.controls.length - result.counts['not-applicable']));
    io.setOutput('mode', result.mode?.mode ?? 'enforce');
    io.info(result.headline);
    for (const note of result.mode?.notes ?? []) io.warning(note);
    if (github && inputs.checkRun) await publishCheck(github, result, pull, io);
    if (result.conclusion === 'failure' || result.conclusion === 'action_required') io.setFailed(result.headline);
    else if (result.mode?.mode === 'report-only') reportOnly(result, io);
    return result;
  } catch (error) {
    io.setFailed(isMaestroError(error) ? formatError(error) : `internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return undefined;
  }
}

/** Says, in report-only mode, that the step does not fail and what would fail it in enforce mode. */
function reportOnly(result: GateResult, io: ActionIo): void {
  const by = result.mode?.source ? ` (set by ${result.mode.source})` : '';
  const wouldFail = result.mode?.wouldFail ?? [];
  if (result.mode?.wouldBe === 'failure') {
    io.warning(`Report-only mode${by}: this step does not fail. In enforce mode it would fail${wouldFail.length > 0 ? ` on ${wouldFail.join(', ')}` : ''}: ${result.headline}`);
  } else {
    io.info(`Report-only mode${by}: this step never fails; in enforce mode it would conclude ${result.mode?.wouldBe ?? result.conclusion}.`);
  }
}

/** What the run needs of the event's PR before evaluating. */
interface PullOfEvent {
  repo: RepoRef;
  number: number;
  headSha: string;
  body: string;
  changedFiles?: number;
  htmlUrl?: string;
}

async function readPull(eventPath: string): Promise<PullOfEvent> {
  type Json = Record<string, unknown>;
  const event = (await readJsonFile(eventPath, 'event payload', 25 * 1024 * 1024)) as Json;
  const pr = (event.pull_request ?? {}) as Json;
  const head = (pr.head ?? {}) as Json;
  const repo = (event.repository ?? {}) as Json;
  if (typeof pr.number !== 'number' || typeof head.sha !== 'string' || typeof repo.full_name !== 'string' || typeof repo.id !== 'number') {
    throw new MaestroError('EVENT_INVALID', `${eventPath} has no pull_request with a number and head.sha, or no repository`, { file: eventPath, pointer: '/pull_request', remedy: 'run the action on pull_request or pull_request_target events.' });
  }
  const [owner = '', name = ''] = repo.full_name.split('/');
  return {
    repo: { id: repo.id, owner, name, fullName: repo.full_name, ...(typeof repo.default_branch === 'string' ? { defaultBranch: repo.default_branch } : {}) },
    number: pr.number,
    headSha: head.sha,
    body: typeof pr.body === 'string' ? pr.body : '',
    ...(typeof pr.changed_files === 'number' ? { changedFiles: pr.changed_files } : {}),
    ...(typeof pr.html_url === 'string' ? { htmlUrl: pr.html_url } : {}),
  };
}

/**
 * The check run the app would publish, written with the workflow token. A token without
 * `checks: write` gets a warning that says so: the job's own status still gates the PR.
 */
async function publishCheck(github: WorkflowGitHub, result: GateResult, pull: PullOfEvent, io: ActionIo): Promise<void> {
  const output = renderCheckOutput(result);
  try {
    const id = await github.publishCheck({ name: result.checkName, sha: pull.headSha, ...(pull.htmlUrl ? { detailsUrl: pull.htmlUrl } : {}), title: output.title, summary: output.summary, text: output.text, annotations: output.annotations, conclusion: result.conclusion });
    io.info(`Published the check run "${result.checkName}" (${id}) on ${pull.headSha.slice(0, 7)}.`);
  } catch (error) {
    const status = (error as { status?: number }).status;
    io.warning(status === 403 || status === 404
      ? `The workflow token cannot create check runs (HTTP ${status}): add "permissions: checks: write" to the job, or set check-run: false.`
      : `The check run could not be published: ${(error as Error).message}`);
  }
}

/** An empty folder to read when the evidence folder is absent. */
function emptyFolder(outputDir: string): string {
  const dir = join(outputDir, 'maestro-empty-evidence');
  mkdirSync(dir, { recursive: true });
  return dir;
}
