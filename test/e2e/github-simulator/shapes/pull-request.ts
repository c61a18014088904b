import type { SimDiffFile, SimIssue, SimPull, SimRepository, SimReview } from '../model.js';
import type { Schema } from '../openapi.js';
import { ancestors, diffFiles, filesOf } from '../repo-git.js';
import { nodeId, type Urls } from '../urls.js';
import { association, label } from './issue.js';
import { repository } from './repository.js';
import { simpleUser } from './user.js';

/** An issue that is a pull request. */
export type PullIssue = SimIssue & { pull: SimPull };

/** A pull request's changed files: as seeded, or computed from its base and head trees. */
export function changedFiles(repo: SimRepository, pull: SimPull): SimDiffFile[] {
  if (pull.files) return pull.files;
  const head = repo.commits.get(pull.head.sha);
  const base = repo.commits.get(pull.base.sha);
  return head && base ? diffFiles(repo, filesOf(repo, base), filesOf(repo, head)) : [];
}

type FullOnly = 'merged' | 'mergeable' | 'rebaseable' | 'mergeable_state' | 'merged_by' | 'comments' | 'review_comments' | 'maintainer_can_modify' | 'commits' | 'additions' | 'deletions' | 'changed_files';
/** The fields `pull-request` and `pull-request-simple` share, in the narrower type of each. */
type PullCommon = Omit<Schema<'pull-request'>, FullOnly | 'requested_teams'> & Omit<Schema<'pull-request-simple'>, 'requested_teams'>;

function pullCommon(repo: SimRepository, value: PullIssue, urls: Urls): PullCommon {
  const api = `${urls.api}/repos/${repo.fullName}/pulls/${value.number}`;
  const issueApi = `${urls.api}/repos/${repo.fullName}/issues/${value.number}`;
  const html = `${urls.web}/${repo.fullName}/pull/${value.number}`;
  const side = (s: { ref: string; sha: string }) => ({ label: `${repo.owner.login}:${s.ref}`, ref: s.ref, repo: repository(repo, urls), sha: s.sha, user: simpleUser(repo.owner, urls) });
  const labels = value.labels.flatMap((name) => {
    const known = repo.labels.get(name.toLowerCase());
    return known ? [{ ...label(repo, known, urls), description: known.description ?? '' }] : [];
  });
  return {
    url: api,
    id: value.pull.id,
    node_id: nodeId('PullRequest', value.pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${urls.api}/repos/${repo.fullName}/statuses/${value.pull.head.sha}`,
    number: value.number,
    state: value.state,
    locked: value.locked,
    title: value.title,
    user: simpleUser(value.user, urls),
    body: value.body,
    labels,
    milestone: null,
    active_lock_reason: null,
    created_at: value.createdAt,
    updated_at: value.updatedAt,
    closed_at: value.closedAt,
    merged_at: value.pull.mergedAt,
    merge_commit_sha: value.pull.mergeCommitSha,
    assignee: value.assignees[0] ? simpleUser(value.assignees[0], urls) : null,
    assignees: value.assignees.map((a) => simpleUser(a, urls)),
    requested_reviewers: [],
    head: side(value.pull.head),
    base: side(value.pull.base),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${urls.api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${urls.api}/repos/${repo.fullName}/statuses/${value.pull.head.sha}` },
    },
    author_association: association(repo, value.user),
    auto_merge: null,
    draft: value.pull.draft,
  };
}

/** A pull request as `GET /pulls/{pull_number}`, create and update answer it (`pull-request`). */
export function pullRequest(repo: SimRepository, value: PullIssue, urls: Urls): Schema<'pull-request'> {
  const files = changedFiles(repo, value.pull);
  const base = new Set(ancestors(repo, value.pull.base.sha));
  const commits = ancestors(repo, value.pull.head.sha).filter((sha) => !base.has(sha)).length;
  const open = value.state === 'open';
  return {
    ...pullCommon(repo, value, urls),
    requested_teams: [],
    merged: value.pull.mergedAt !== null,
    mergeable: open ? true : null,
    rebaseable: open ? true : null,
    mergeable_state: !open ? 'unknown' : value.pull.draft ? 'draft' : 'clean',
    merged_by: null,
    comments: [...repo.comments.values()].filter((c) => c.issueNumber === value.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: Math.max(commits, 1),
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

/** A pull request as lists give it (`pull-request-simple`). */
export function pullRequestSimple(repo: SimRepository, value: PullIssue, urls: Urls): Schema<'pull-request-simple'> {
  return { ...pullCommon(repo, value, urls), requested_teams: [] };
}

/** One file of a pull request or comparison (`diff-entry`). */
export function diffEntry(repo: SimRepository, file: SimDiffFile, headSha: string, urls: Urls): Schema<'diff-entry'> {
  const blob = repo.trees.get(repo.commits.get(headSha)?.tree ?? '')?.get(file.filename) ?? null;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: blob,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${urls.web}/${repo.fullName}/blob/${headSha}/${path}`,
    raw_url: `${urls.web}/${repo.fullName}/raw/${headSha}/${path}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${path}?ref=${headSha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
    ...(file.previousFilename !== undefined ? { previous_filename: file.previousFilename } : {}),
  };
}

/** A submitted review (`pull-request-review`). */
export function review(repo: SimRepository, pullNumber: number, value: SimReview, urls: Urls): Schema<'pull-request-review'> {
  const html = `${urls.web}/${repo.fullName}/pull/${pullNumber}#pullrequestreview-${value.id}`;
  const pullApi = `${urls.api}/repos/${repo.fullName}/pulls/${pullNumber}`;
  return {
    id: value.id,
    node_id: nodeId('PullRequestReview', value.id),
    user: simpleUser(value.user, urls),
    body: value.body,
    state: value.state,
    html_url: html,
    pull_request_url: pullApi,
    _links: { html: { href: html }, pull_request: { href: pullApi } },
    submitted_at: value.submittedAt,
    commit_id: value.commitId,
    author_association: association(repo, value.user),
  };
}
