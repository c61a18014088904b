import type { SimApp, SimCheckRun, SimRepository } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, type Urls } from '../urls.js';
import { integration } from './app.js';

/** The open pull requests whose head is a commit, as check runs and workflow runs embed them (`pull-request-minimal`). */
export function pullsOfHead(repo: SimRepository, sha: string, urls: Urls): Schema<'pull-request-minimal'>[] {
  const repoRef = { id: repo.id, url: `${urls.api}/repos/${repo.fullName}`, name: repo.name };
  return [...repo.issues.values()].flatMap((i) =>
    i.pull && i.state === 'open' && i.pull.head.sha === sha
      ? [{ id: i.pull.id, number: i.number, url: `${urls.api}/repos/${repo.fullName}/pulls/${i.number}`, head: { ref: i.pull.head.ref, sha: i.pull.head.sha, repo: repoRef }, base: { ref: i.pull.base.ref, sha: i.pull.base.sha, repo: repoRef } }]
      : [],
  );
}

/** A check run as GitHub answers and lists it (`check-run`). */
export function checkRun(repo: SimRepository, app: SimApp, run: SimCheckRun, urls: Urls): Schema<'check-run'> {
  const api = `${urls.api}/repos/${repo.fullName}/check-runs/${run.id}`;
  const html = `${urls.web}/${repo.fullName}/runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', run.id),
    external_id: run.externalId,
    url: api,
    html_url: html,
    details_url: run.detailsUrl ?? html,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { title: run.output.title, summary: run.output.summary, text: run.output.text, annotations_count: run.annotations.length, annotations_url: `${api}/annotations` },
    name: run.name,
    check_suite: { id: run.checkSuiteId },
    app: { ...integration(app, urls), id: run.appId },
    pull_requests: pullsOfHead(repo, run.headSha, urls),
  };
}
