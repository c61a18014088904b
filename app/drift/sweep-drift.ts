import { detectDrift } from '../../core/drift/detect-drift.js';
import { fixCommand } from '../../core/drift/fix-command.js';
import { fixDrift } from '../../core/drift/fix-drift.js';
import type { TemplateManifest } from '../../core/drift/parse-template-manifest.js';
import type { ReleaseLookup } from '../../core/drift/template-releases.js';
import { isWorkflowPath, templateForRepo } from '../../core/drift/template-for-repo.js';
import { planFixPullRequest, type FixAction } from '../../core/drift/plan-fix-pull-request.js';
import { toDriftReport } from '../../core/drift/to-drift-report.js';
import type { DriftResult, DriftStatus, WorkflowFile } from '../../core/drift/types.js';
import type { EvidenceProducer, EvidenceReport } from '../../core/evidence/types.js';
import { renderDriftReport } from '../../core/render/render-drift-report.js';
import { readTemplateReleases } from '../../flows/read-drift-template.js';
import type { GitHub } from '../../adapters/github/github.js';
import type { DriftFixer } from './drift-fix-app.js';
import { fetchRepoWorkflows, listInstallationRepos, REPOS_PER_QUERY, type RepoWorkflows } from './fetch-repo-workflows.js';
import { upsertFixPullRequest, type FixPullRequestText } from './upsert-fix-pull-request.js';

/** The branch every fix pull request comes from: one per repository, reused by every sweep. */
export const FIX_BRANCH = 'maestro/ci-template';

/** Hidden marker of the fix pull request's body. */
export const FIX_MARKER = '<!-- maestro-conductor:drift-fix -->';

/** How a sweep runs. */
export interface DriftSweepOptions {
  /** The template's files (with a manifest: one per entry, in its order) and where they come from. */
  template: WorkflowFile[];
  templateSource: string;
  /** The template repository (owner/name) and its releases: its own pins are compared by release; absent: by SHA. */
  releases?: { repository: string; lookup: ReleaseLookup };
  /** Which template applies to which repository; absent: every workflow of the template applies to every repository. */
  manifest?: TemplateManifest;
  /** The drift-fix App, which alone writes fix pull requests; absent: drifts are reported, with the command that fixes them by hand. */
  fixer?: DriftFixer;
  /** List what would be done, change nothing. */
  dryRun?: boolean;
  /**
   * Most repositories whose fix pull request is opened, updated or closed in one sweep: GitHub
   * allows about 80 content-creating requests a minute and 500 an hour; the rest wait for the next sweep.
   */
  maxRepoWrites?: number;
  branch?: string;
  now: string;
  producer: EvidenceProducer;
}

/** What the sweep found and did for one repository. */
export interface RepoSweepResult {
  repo: string;
  status: DriftStatus;
  /** What was done (or, in a dry run, what would be done); `deferred` when the sweep's write budget was spent. */
  action: FixAction | 'deferred';
  dryRun: boolean;
  /** Files the fix pull request holds. */
  files: string[];
  pullUrl?: string;
  /** Why a drift was only reported: the drift-fix App is not configured, or not installed on the repository. */
  reason?: string;
  /** The drift-report evidence, when the repository has a commit to report on. */
  report?: EvidenceReport;
  result: DriftResult;
}

/**
 * One drift sweep over every repository of an installation: repositories listed with REST
 * (100 a page), their workflows, topics and fix branch read with GraphQL (REPOS_PER_QUERY a
 * query), compared with the templates that apply to each, and one fix pull request per drifted
 * repository opened, updated in place, or closed when the drift is gone, by the drift-fix App.
 * Without it, or where it is not installed, a drift is reported (its drift-report names the
 * command that fixes it by hand) and nothing is written. A dry run makes the same reads and no write.
 */
export async function sweepDrift(octokit: GitHub, options: DriftSweepOptions): Promise<RepoSweepResult[]> {
  const branch = options.branch ?? FIX_BRANCH;
  const repos = await listInstallationRepos(octokit);
  const entries = options.manifest?.templates ?? [];
  const extras = { files: [...new Set(entries.map((t) => t.path).filter((p) => !isWorkflowPath(p)))], topics: entries.some((t) => t.topics.length > 0) };
  const results: RepoSweepResult[] = [];
  let repoWrites = 0;
  for (let i = 0; i < repos.length; i += REPOS_PER_QUERY) {
    for (const repo of await fetchRepoWorkflows(octokit, repos.slice(i, i + REPOS_PER_QUERY), branch, extras)) {
      if (!repo.defaultBranch) continue;
      const compared = await compare(repo, options);
      let action: RepoSweepResult['action'] = planFixPullRequest({ status: compared.result.status, hasFix: compared.fix.length > 0, branchExists: repo.fixBranch !== undefined, pullOpen: repo.fixBranch?.pull !== undefined, canFix: options.fixer !== undefined });
      let reason = options.fixer ? undefined : 'drift fixes are not configured (DRIFT_APP_ID and DRIFT_PRIVATE_KEY of the drift-fix App)';
      const writes = action === 'open' || action === 'update' || action === 'close';
      const deferred = writes && !options.dryRun && repoWrites >= (options.maxRepoWrites ?? 100);
      let pullUrl = repo.fixBranch?.pull?.url;
      if (writes && !options.dryRun && !deferred) {
        const writer = await options.fixer!.forRepo(repo.owner, repo.name);
        if (!writer) {
          reason = `the drift-fix App (id ${options.fixer!.appId}) is not installed on ${repo.fullName}`;
          action = action === 'close' ? 'none' : 'report';
        } else {
          const outcome = await upsertFixPullRequest(writer, repo, action as FixAction, compared.fix, branch, pullText(repo, compared.result));
          pullUrl = outcome.pullUrl;
          if (outcome.writes > 0) repoWrites++;
        }
      }
      const open = pullUrl && action !== 'close' && action !== 'report' ? { prUrl: pullUrl } : {};
      const fix = action === 'report' ? { fix: fixCommand(repo.fullName, options.templateSource) } : {};
      const report = toDriftReport(compared.result, { repo: repo.fullName, sha: repo.defaultBranch.sha, producer: options.producer, createdAt: options.now, ...open, ...fix });
      results.push({ repo: repo.fullName, status: compared.result.status, action: deferred ? 'deferred' : action, dryRun: options.dryRun ?? false, files: compared.fix.map((f) => f.path), ...(open.prUrl ? { pullUrl: open.prUrl } : {}), ...(action === 'report' && reason ? { reason } : {}), report, result: compared.result });
    }
  }
  return results;
}

/** The comparison with the templates that apply to the repository, with workflow files GitHub would not give as text reported as unreadable (status invalid). */
async function compare(repo: RepoWorkflows, options: DriftSweepOptions): Promise<{ result: DriftResult; fix: WorkflowFile[] }> {
  const selected = templateForRepo({ files: options.template, ...(options.manifest ? { manifest: options.manifest } : {}) }, { name: repo.name, topics: repo.topics });
  const releases = options.releases ? await readTemplateReleases(options.releases.lookup, options.releases.repository, [...selected.template, ...repo.files].map((f) => f.text)) : undefined;
  const input = { template: selected.template, repo: repo.files, templateSource: options.templateSource, ...(releases ? { releases } : {}), ...(selected.files ? { files: selected.files, repoPaths: repo.present } : {}) };
  const result = detectDrift(input);
  // Only a drifted repository has something to fix; clean ones (most of a sweep) skip the second pass.
  if (repo.unreadable.length === 0) return { result, fix: result.status === 'drift' ? fixDrift(input) : [] };
  const unreadable = repo.unreadable.map((file) => ({ file, type: 'invalid-yaml' as const, message: `${file} could not be read as text (binary or larger than GitHub returns)` }));
  return { result: { ...result, status: 'invalid', changes: [...unreadable, ...result.changes] }, fix: [] };
}

function pullText(repo: RepoWorkflows, result: DriftResult): FixPullRequestText {
  return {
    title: 'Restore the CI template',
    body: [
      FIX_MARKER,
      `This pull request restores the CI template \`${result.template.source.replace(/`/g, "'")}\` (${result.template.version.replace(/`/g, "'")}) in the workflows of this repository. Jobs and steps the repository added are kept.`,
      '',
      'Maestro Conductor updates it in place at each drift sweep and closes it when the workflows match the template again.',
      '',
      renderDriftReport(result, repo.fullName),
    ].join('\n'),
    commitMessage: `Restore the CI template ${result.template.version}\n\n${result.changes.length} difference(s) with ${result.template.source}; the repository's own jobs and steps are kept.`,
    closingComment: 'The workflows match the CI template again: closing this pull request and deleting its branch.',
  };
}
