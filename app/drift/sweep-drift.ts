import { detectDrift } from '../../core/drift/detect-drift.js';
import { fixDrift } from '../../core/drift/fix-drift.js';
import { planFixPullRequest, type FixAction } from '../../core/drift/plan-fix-pull-request.js';
import { toDriftReport } from '../../core/drift/to-drift-report.js';
import type { DriftResult, DriftStatus, WorkflowFile } from '../../core/drift/types.js';
import type { EvidenceProducer, EvidenceReport } from '../../core/evidence/types.js';
import { renderDriftReport } from '../../core/render/render-drift-report.js';
import type { GitHub } from '../../adapters/github/github.js';
import { fetchRepoWorkflows, listInstallationRepos, REPOS_PER_QUERY, type RepoWorkflows } from './fetch-repo-workflows.js';
import { upsertFixPullRequest, type FixPullRequestText } from './upsert-fix-pull-request.js';

/** The branch every fix pull request comes from: one per repository, reused by every sweep. */
export const FIX_BRANCH = 'maestro/ci-template';

/** Hidden marker of the fix pull request's body. */
export const FIX_MARKER = '<!-- maestro-conductor:drift-fix -->';

/** How a sweep runs. */
export interface DriftSweepOptions {
  /** The template's workflow files and where they come from. */
  template: WorkflowFile[];
  templateSource: string;
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
  /** The drift-report evidence, when the repository has a commit to report on. */
  report?: EvidenceReport;
  result: DriftResult;
}

/**
 * One drift sweep over every repository of an installation: repositories listed with REST
 * (100 a page), their workflows and fix branch read with GraphQL (REPOS_PER_QUERY a query),
 * compared with the template, and one fix pull request per drifted repository opened, updated
 * in place, or closed when the drift is gone. A dry run makes the same reads and no write.
 */
export async function sweepDrift(octokit: GitHub, options: DriftSweepOptions): Promise<RepoSweepResult[]> {
  const branch = options.branch ?? FIX_BRANCH;
  const repos = await listInstallationRepos(octokit);
  const results: RepoSweepResult[] = [];
  let repoWrites = 0;
  for (let i = 0; i < repos.length; i += REPOS_PER_QUERY) {
    for (const repo of await fetchRepoWorkflows(octokit, repos.slice(i, i + REPOS_PER_QUERY), branch)) {
      if (!repo.defaultBranch) continue;
      const compared = compare(repo, options);
      const action = planFixPullRequest({ status: compared.result.status, hasFix: compared.fix.length > 0, branchExists: repo.fixBranch !== undefined, pullOpen: repo.fixBranch?.pull !== undefined });
      const writes = action === 'open' || action === 'update' || action === 'close';
      const deferred = writes && !options.dryRun && repoWrites >= (options.maxRepoWrites ?? 100);
      let pullUrl = repo.fixBranch?.pull?.url;
      if (writes && !options.dryRun && !deferred) {
        const outcome = await upsertFixPullRequest(octokit, repo, action, compared.fix, branch, pullText(repo, compared.result));
        pullUrl = outcome.pullUrl;
        if (outcome.writes > 0) repoWrites++;
      }
      const report = toDriftReport(compared.result, { repo: repo.fullName, sha: repo.defaultBranch.sha, producer: options.producer, createdAt: options.now, ...(pullUrl && action !== 'close' ? { prUrl: pullUrl } : {}) });
      results.push({ repo: repo.fullName, status: compared.result.status, action: deferred ? 'deferred' : action, dryRun: options.dryRun ?? false, files: compared.fix.map((f) => f.path), ...(pullUrl && action !== 'close' ? { pullUrl } : {}), report, result: compared.result });
    }
  }
  return results;
}

/** The comparison, with workflow files GitHub would not give as text reported as unreadable (status invalid). */
function compare(repo: RepoWorkflows, options: DriftSweepOptions): { result: DriftResult; fix: WorkflowFile[] } {
  const input = { template: options.template, repo: repo.files, templateSource: options.templateSource };
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
