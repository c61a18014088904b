import { EVENT_AT } from '../../helpers/clock.js';
import { examplePayload } from '../../helpers/webhook-examples.js';
import type { GitHubSimulator } from '../github-simulator/github-simulator.js';
import type { SimReview } from '../github-simulator/model.js';
import { workflowRun } from '../github-simulator/shapes/actions.js';
import { issue, issueComment, label } from '../github-simulator/shapes/issue.js';
import { pullRequest, review, type PullIssue } from '../github-simulator/shapes/pull-request.js';
import { repository } from '../github-simulator/shapes/repository.js';
import { simpleUser } from '../github-simulator/shapes/user.js';
import type { Urls } from '../github-simulator/urls.js';

/*
 * Webhook payloads as GitHub would send them about the simulator's state: a real payload of
 * @octokit/webhooks-examples, with the repository, installation, sender and the subject (pull
 * request, workflow run, comment, ...) replaced by what the simulator holds, in GitHub's shapes.
 */

/** Links as a GitHub Enterprise Server would put them in a payload: API under /api/v3, web at the root. */
function urlsOf(sim: GitHubSimulator): Urls {
  return { api: sim.enterpriseApiUrl, web: sim.url };
}

/** The example's envelope, pointing at `repo`, its installation and `sender`. */
function envelope(sim: GitHubSimulator, payload: Record<string, any>, repo: string, sender: string): Record<string, any> {
  const simRepo = sim.repository(repo);
  const installation = sim.state.installationOf(simRepo);
  if (!installation) throw new Error(`the app is not installed on ${repo} in the simulator`);
  const urls = urlsOf(sim);
  payload.repository = { ...payload.repository, ...repository(simRepo, urls) };
  payload.installation = { id: installation.id, node_id: Buffer.from(`023:IntegrationInstallation${installation.id}`).toString('base64') };
  payload.sender = { ...payload.sender, ...simpleUser(sim.state.account(sender), urls) };
  if (simRepo.owner.type === 'Organization') payload.organization = { login: simRepo.owner.login, id: simRepo.owner.id };
  else delete payload.organization;
  return payload;
}

function pullOf(sim: GitHubSimulator, repo: string, number: number): PullIssue {
  const found = sim.issue(repo, number);
  if (!found?.pull) throw new Error(`${repo} has no pull request #${number}`);
  return found as PullIssue;
}

/** `pull_request.<action>`; `updated_at` is when the event happened (EVENT_AT unless given). */
export function pullRequestEvent(sim: GitHubSimulator, repo: string, number: number, action: 'opened' | 'labeled' | 'synchronize', options: { sender?: string; updatedAt?: string; label?: string } = {}): Record<string, any> {
  const payload = examplePayload('pull_request', action);
  const pull = pullOf(sim, repo, number);
  const simRepo = sim.repository(repo);
  payload.number = number;
  payload.pull_request = { ...payload.pull_request, ...pullRequest(simRepo, pull, urlsOf(sim)), updated_at: options.updatedAt ?? EVENT_AT };
  if (action === 'labeled') {
    const name = options.label ?? pull.labels.at(-1);
    const known = simRepo.labels.get(String(name).toLowerCase());
    if (!known) throw new Error(`${repo} has no label ${name}`);
    payload.label = label(simRepo, known, urlsOf(sim));
  }
  return envelope(sim, payload, repo, options.sender ?? pull.user.login);
}

/** `workflow_run.<action>` of a run the simulator holds (its pull_requests are the open PRs its commit heads). */
export function workflowRunEvent(sim: GitHubSimulator, repo: string, runId: number, action: 'completed' | 'requested' = 'completed'): Record<string, any> {
  const payload = examplePayload('workflow_run', action);
  const simRepo = sim.repository(repo);
  const run = simRepo.workflowRuns.find((r) => r.id === runId);
  if (!run) throw new Error(`${repo} has no workflow run ${runId}`);
  payload.workflow_run = { ...payload.workflow_run, ...workflowRun(simRepo, run, urlsOf(sim)) };
  payload.workflow = { ...payload.workflow, id: run.workflowId, name: run.name, path: run.path };
  return envelope(sim, payload, repo, run.actor.login);
}

/** `issue_comment.created` of a comment the simulator holds. */
export function issueCommentEvent(sim: GitHubSimulator, repo: string, commentId: number): Record<string, any> {
  const payload = examplePayload('issue_comment', 'created');
  const simRepo = sim.repository(repo);
  const comment = simRepo.comments.get(commentId);
  if (!comment) throw new Error(`${repo} has no comment ${commentId}`);
  const found = simRepo.issues.get(comment.issueNumber)!;
  const urls = urlsOf(sim);
  payload.issue = { ...payload.issue, ...issue(simRepo, found, urls) };
  payload.comment = { ...payload.comment, ...issueComment(simRepo, sim.state.app, comment, urls) };
  return envelope(sim, payload, repo, comment.user.login);
}

/** `pull_request_review.submitted` of a review the simulator holds. */
export function reviewSubmittedEvent(sim: GitHubSimulator, repo: string, number: number, submitted: SimReview): Record<string, any> {
  const payload = examplePayload('pull_request_review', 'submitted');
  const pull = pullOf(sim, repo, number);
  const simRepo = sim.repository(repo);
  const urls = urlsOf(sim);
  payload.review = { ...payload.review, ...review(simRepo, number, submitted, urls), state: submitted.state.toLowerCase() };
  payload.pull_request = { ...payload.pull_request, ...pullRequest(simRepo, pull, urls), updated_at: submitted.submittedAt };
  return envelope(sim, payload, repo, submitted.user.login);
}

/** `merge_group.checks_requested` for a queue branch the simulator holds (`gh-readonly-queue/<base>/pr-<n>-<sha>`) on the default branch. */
export function mergeGroupEvent(sim: GitHubSimulator, repo: string, headRef: string, sender: string): Record<string, any> {
  const payload = examplePayload('merge_group', 'checks_requested');
  const simRepo = sim.repository(repo);
  const headSha = simRepo.refs.get(`refs/heads/${headRef}`);
  const head = headSha ? simRepo.commits.get(headSha) : undefined;
  if (!head) throw new Error(`${repo} has no branch ${headRef}`);
  const base = simRepo.defaultBranch;
  payload.merge_group = {
    ...payload.merge_group,
    head_sha: head.sha,
    head_ref: `refs/heads/${headRef}`,
    base_sha: simRepo.refs.get(`refs/heads/${base}`),
    base_ref: `refs/heads/${base}`,
    head_commit: { id: head.sha, tree_id: head.tree, message: head.message, timestamp: head.committer.date, author: { name: head.author.name, email: head.author.email }, committer: { name: head.committer.name, email: head.committer.email } },
  };
  return envelope(sim, payload, repo, sender);
}

/** `repository_dispatch` with the drift sweep's event_type, sent to `repo` by `sender`. */
export function driftDispatchEvent(sim: GitHubSimulator, repo: string, sender: string, clientPayload: Record<string, unknown> = {}): Record<string, any> {
  const payload = examplePayload('repository_dispatch', 'on-demand-test');
  payload.action = 'maestro-drift-sweep';
  payload.branch = sim.repository(repo).defaultBranch;
  payload.client_payload = clientPayload;
  return envelope(sim, payload, repo, sender);
}
