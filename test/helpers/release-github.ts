/**
 * GitHub's answers about a release (its compare, the pull requests of its commits, the decision-log
 * artifacts of their head commits), for nock. REST bodies come from the GitHub simulator's shapes,
 * which the compiler checks against GitHub's OpenAPI description (`@octokit/openapi-types`); the
 * GraphQL answer follows the query, which the tests validate against GitHub's GraphQL schema.
 */
import type { SimAccount, SimRepository } from '../e2e/github-simulator/model.js';
import type { Schema } from '../e2e/github-simulator/openapi.js';
import { commit } from '../e2e/github-simulator/shapes/git.js';
import { pullRequest } from '../e2e/github-simulator/shapes/pull-request.js';
import { makeReport } from './build-evidence.js';
import { zipOf } from './evidence-artifacts.js';

export const API = 'https://api.github.com';
export const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
export const URLS = { api: API, web: 'https://github.com' };
const owner: SimAccount = { login: 'acme', id: 9919, type: 'Organization' };
const dev: SimAccount = { login: 'dev', id: 583231, type: 'User' };

/** The repository of the release, as the simulator's shapes need it. */
export const REPO: SimRepository = {
  id: 186853002, owner, name: 'web', fullName: 'acme/web', defaultBranch: 'main', private: false, archived: false, description: null, createdAt: '2026-01-01T00:00:00Z',
  blobs: new Map(), trees: new Map(), commits: new Map(), refs: new Map(), collaborators: new Map(), issues: new Map(), comments: new Map(), labels: new Map(), milestones: new Map(), checkRuns: [], workflowRuns: [], artifacts: [],
};

/** A 40-hex sha made of one repeated character, or of a number. */
export const sha = (seed: string | number): string => (typeof seed === 'number' ? seed.toString(16).padStart(40, '0') : seed.repeat(40).slice(0, 40));

/** `GET /repos/{owner}/{repo}/compare/{basehead}`: the commits of the range (a page of them), `total` in all. */
export function comparison(shas: string[], total = shas.length): Schema<'commit-comparison'> {
  const person = { name: 'dev', email: 'dev@example.com', date: '2026-11-18T11:00:00Z' };
  const commits = shas.map((s, i) => commit(REPO, { sha: s, tree: sha('e'), parents: [i === 0 ? sha('0') : shas[i - 1]!], message: `change ${i}`, author: person, committer: person }, URLS));
  const base = commit(REPO, { sha: sha('0'), tree: sha('e'), parents: [], message: 'v1.1.0', author: person, committer: person }, URLS);
  return {
    url: `${API}/repos/acme/web/compare/v1.1.0...${shas.at(-1)}`,
    html_url: `${URLS.web}/acme/web/compare/v1.1.0...${shas.at(-1)}`,
    permalink_url: `${URLS.web}/acme/web/compare/acme:${sha('0')}...acme:${shas.at(-1)}`,
    diff_url: `${URLS.web}/acme/web/compare/v1.1.0...${shas.at(-1)}.diff`,
    patch_url: `${URLS.web}/acme/web/compare/v1.1.0...${shas.at(-1)}.patch`,
    base_commit: base,
    merge_base_commit: base,
    status: 'ahead',
    ahead_by: total,
    behind_by: 0,
    total_commits: total,
    commits,
    files: [],
  };
}

/** A pull request node as the associated-pull-requests query returns it. */
export function pullNode(number: number, options: { title?: string; head?: string; mergedAt?: string | null; repo?: string; openedAt?: string } = {}) {
  return {
    number,
    title: options.title ?? `Change ${number}`,
    createdAt: options.openedAt ?? '2026-11-17T09:00:00Z',
    mergedAt: options.mergedAt === undefined ? '2026-11-18T11:00:00Z' : options.mergedAt,
    headRefOid: options.head ?? sha(number + 1000),
    author: { login: 'dev' },
    baseRepository: { nameWithOwner: options.repo ?? 'acme/web' },
  };
}

/** The GraphQL answer for commits `c0`, `c1`, ...: each with its pull requests (`totalCount` more than listed to make the client ask again). */
export function associatedPulls(perCommit: Array<Array<ReturnType<typeof pullNode>>>, totalCounts: number[] = []) {
  return { data: { repository: Object.fromEntries(perCommit.map((nodes, i) => [`c${i}`, { associatedPullRequests: { totalCount: totalCounts[i] ?? nodes.length, nodes } }])) } };
}

/** An artifact of the repository (`artifact`) uploaded by run `runId` of commit `head`. */
export function artifact(id: number, options: { head: string; runId?: number; name?: string; createdAt?: string; expired?: boolean; size?: number }): Schema<'artifact'> {
  const api = `${API}/repos/acme/web/actions/artifacts/${id}`;
  const createdAt = options.createdAt ?? '2026-11-18T10:00:00Z';
  return {
    id,
    node_id: Buffer.from(`08:Artifact${id}`).toString('base64'),
    name: options.name ?? 'maestro-decision-log',
    size_in_bytes: options.size ?? 900,
    url: api,
    archive_download_url: `${api}/zip`,
    expired: options.expired ?? false,
    created_at: createdAt,
    expires_at: '2027-02-16T10:00:00Z',
    updated_at: createdAt,
    workflow_run: { id: options.runId ?? 30_000 + id, repository_id: REPO.id, head_repository_id: REPO.id, head_branch: `change-${id}`, head_sha: options.head },
  };
}

/** `GET /repos/{owner}/{repo}/actions/artifacts?name=...`. */
export function artifactList(artifacts: Array<Schema<'artifact'>>, total = artifacts.length): { total_count: number; artifacts: Array<Schema<'artifact'>> } {
  return { total_count: total, artifacts };
}

/** `GET /repos/{owner}/{repo}/pulls/{pull_number}` of a merged pull request. */
export function mergedPull(number: number, head: string, openedAt = '2026-11-17T09:00:00Z'): Schema<'pull-request'> {
  return pullRequest(REPO, {
    id: 1_000_000 + number, number, title: `Change ${number}`, body: null, user: dev, state: 'closed', stateReason: 'completed', labels: [], assignees: [], milestone: null, locked: false,
    createdAt: openedAt, updatedAt: '2026-11-18T11:00:00Z', closedAt: '2026-11-18T11:00:00Z', closedBy: dev, timeline: [],
    pull: { id: 1_000_000 + number, head: { ref: `change-${number}`, sha: head }, base: { ref: 'main', sha: sha('0') }, draft: false, mergedAt: '2026-11-18T11:00:00Z', mergeCommitSha: sha(number + 2000), reviews: [], files: [] },
  }, URLS);
}

/** The decision-log artifact of a pull request's head, zipped as upload-artifact does: the root action's maestro-decision-log.json. */
export function decisionLogZip(pr: number, head: string, evaluatedAt: string, result: 'pass' | 'fail' = 'pass'): Promise<Buffer> {
  const log = makeReport('decision-log', {
    gate: { checkName: 'Enforce GA Gates Evidence', conclusion: result === 'pass' ? 'success' : 'failure', headline: result === 'pass' ? 'all applicable controls pass' : '1 of 1 applicable controls is not met', evaluatedAt, catalogDigest: 'd'.repeat(64) },
    decisions: [{ decisionId: 'dec_0000000000000001', ruleId: 'GA-25', result, explanation: result === 'pass' ? 'met' : 'not met', evidence: [] }],
  }, { sha: head, createdAt: evaluatedAt });
  (log.subject as { pr: number }).pr = pr;
  return zipOf({ 'maestro-decision-log.json': JSON.stringify(log) });
}
