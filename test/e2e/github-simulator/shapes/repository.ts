import type { SimRepository } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, type Urls } from '../urls.js';
import { simpleUser } from './user.js';

type LinkKey = Extract<keyof Schema<'repository'>, `${string}_url` | 'url'>;

/** The `*_url` templates every repository payload carries, built from the API base. */
function repoLinks(repo: SimRepository, urls: Urls): Omit<Pick<Schema<'repository'>, LinkKey>, 'mirror_url'> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const host = new URL(urls.web).host;
  return {
    url: api,
    html_url: `${urls.web}/${repo.fullName}`,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${repo.fullName}.git`,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${repo.fullName}`,
  };
}

/** A repository as GitHub lists it for an installation and embeds it in pull requests (`repository`). */
export function repository(repo: SimRepository, urls: Urls): Schema<'repository'> {
  const open = [...repo.issues.values()].filter((i) => i.state === 'open').length;
  const pushed = [...repo.commits.values()].map((c) => c.committer.date).sort().at(-1) ?? repo.createdAt;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    license: null,
    forks: 0,
    owner: simpleUser(repo.owner, urls),
    private: repo.private,
    description: repo.description,
    fork: false,
    ...repoLinks(repo, urls),
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: [...repo.blobs.values()].reduce((n, b) => n + b.length, 0) >> 10,
    default_branch: repo.defaultBranch,
    open_issues_count: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: pushed,
    created_at: repo.createdAt,
    updated_at: pushed,
    allow_forking: true,
    web_commit_signoff_required: false,
    open_issues: open,
    watchers: 0,
  };
}

/** The shorter form workflow runs embed (`minimal-repository`). */
export function minimalRepository(repo: SimRepository, urls: Urls): Schema<'minimal-repository'> {
  const { url, html_url, git_url, ssh_url, clone_url, svn_url, ...links } = repoLinks(repo, urls);
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: simpleUser(repo.owner, urls),
    private: repo.private,
    html_url,
    description: repo.description,
    fork: false,
    url,
    ...links,
    git_url,
    ssh_url,
    clone_url,
    svn_url,
  };
}
