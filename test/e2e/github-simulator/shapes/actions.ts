import { createHash } from 'node:crypto';
import type { SimArtifact, SimRepository, SimWorkflowRun } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, type Urls } from '../urls.js';
import { pullsOfHead } from './check-run.js';
import { minimalRepository } from './repository.js';
import { simpleUser } from './user.js';

/** A workflow run (`workflow-run`). */
export function workflowRun(repo: SimRepository, run: SimWorkflowRun, urls: Urls): Schema<'workflow-run'> {
  const api = `${urls.api}/repos/${repo.fullName}/actions/runs/${run.id}`;
  const head = repo.commits.get(run.headSha);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id,
    check_suite_node_id: nodeId('CheckSuite', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    run_number: run.runNumber,
    run_attempt: 1,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${urls.web}/${repo.fullName}/actions/runs/${run.id}`,
    pull_requests: pullsOfHead(repo, run.headSha, urls),
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: simpleUser(run.actor, urls),
    triggering_actor: simpleUser(run.actor, urls),
    run_started_at: run.createdAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${urls.api}/repos/${repo.fullName}/check-suites/${run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${urls.api}/repos/${repo.fullName}/actions/workflows/${run.workflowId}`,
    head_commit: head
      ? { id: head.sha, tree_id: head.tree, message: head.message, timestamp: head.committer.date, author: { name: head.author.name, email: head.author.email }, committer: { name: head.committer.name, email: head.committer.email } }
      : null,
    repository: minimalRepository(repo, urls),
    head_repository: minimalRepository(repo, urls),
    display_title: run.displayTitle,
  };
}

/** An artifact (`artifact`); its download goes through the 302 of the archive route. */
export function artifact(repo: SimRepository, value: SimArtifact, urls: Urls): Schema<'artifact'> {
  const api = `${urls.api}/repos/${repo.fullName}/actions/artifacts/${value.id}`;
  const run = repo.workflowRuns.find((r) => r.id === value.runId);
  return {
    id: value.id,
    node_id: nodeId('Artifact', value.id),
    name: value.name,
    size_in_bytes: value.zip.length,
    url: api,
    archive_download_url: `${api}/zip`,
    expired: value.expired,
    created_at: value.createdAt,
    expires_at: value.expiresAt,
    updated_at: value.createdAt,
    digest: `sha256:${createHash('sha256').update(value.zip).digest('hex')}`,
    workflow_run: run ? { id: run.id, repository_id: repo.id, head_repository_id: repo.id, head_branch: run.headBranch ?? '', head_sha: run.headSha } : null,
  };
}
