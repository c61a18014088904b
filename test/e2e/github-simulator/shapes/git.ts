import { entriesAt, type TreeEntry } from '../git-objects.js';
import type { SimCommit, SimRepository } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, type Urls } from '../urls.js';

/** A tree's top-level entries, as `POST /git/trees` answers (`git-tree`). */
export function gitTree(repo: SimRepository, sha: string, urls: Urls): Schema<'git-tree'> {
  const files = repo.trees.get(sha) ?? new Map<string, string>();
  return {
    sha,
    url: `${urls.api}/repos/${repo.fullName}/git/trees/${sha}`,
    truncated: false,
    tree: entriesAt(files, '').map((e) => ({
      path: e.name,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === 'blob' ? { size: repo.blobs.get(e.sha)?.length ?? 0 } : {}),
      url: `${urls.api}/repos/${repo.fullName}/git/${e.type === 'blob' ? 'blobs' : 'trees'}/${e.sha}`,
    })),
  };
}

/** A commit object as the git data API gives it (`git-commit`). */
export function gitCommit(repo: SimRepository, commit: SimCommit, urls: Urls): Schema<'git-commit'> {
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${urls.api}/repos/${repo.fullName}/git/commits/${commit.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${commit.sha}`,
    author: { ...commit.author },
    committer: { ...commit.committer },
    message: commit.message,
    tree: { sha: commit.tree, url: `${urls.api}/repos/${repo.fullName}/git/trees/${commit.tree}` },
    parents: commit.parents.map((p) => ({ sha: p, url: `${urls.api}/repos/${repo.fullName}/git/commits/${p}`, html_url: `${urls.web}/${repo.fullName}/commit/${p}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** A ref (`git-ref`). */
export function gitRef(repo: SimRepository, ref: string, sha: string, urls: Urls): Schema<'git-ref'> {
  return {
    ref,
    node_id: nodeId('Ref', `${repo.id}:${ref}`),
    url: `${urls.api}/repos/${repo.fullName}/git/${ref}`,
    object: { type: 'commit', sha, url: `${urls.api}/repos/${repo.fullName}/git/commits/${sha}` },
  };
}

/** A commit as compare and commit listings give it (`commit`). */
export function commit(repo: SimRepository, value: SimCommit, urls: Urls): Schema<'commit'> {
  const api = `${urls.api}/repos/${repo.fullName}/commits/${value.sha}`;
  return {
    url: api,
    sha: value.sha,
    node_id: nodeId('Commit', value.sha),
    html_url: `${urls.web}/${repo.fullName}/commit/${value.sha}`,
    comments_url: `${api}/comments`,
    commit: {
      url: `${urls.api}/repos/${repo.fullName}/git/commits/${value.sha}`,
      author: { ...value.author },
      committer: { ...value.committer },
      message: value.message,
      comment_count: 0,
      tree: { sha: value.tree, url: `${urls.api}/repos/${repo.fullName}/git/trees/${value.tree}` },
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: null,
    committer: null,
    parents: value.parents.map((p) => ({ sha: p, url: `${urls.api}/repos/${repo.fullName}/commits/${p}`, html_url: `${urls.web}/${repo.fullName}/commit/${p}` })),
  };
}

function contentLinks(repo: SimRepository, path: string, ref: string, entry: Pick<TreeEntry, 'type' | 'sha'>, urls: Urls) {
  const escaped = path.split('/').map(encodeURIComponent).join('/');
  const self = `${urls.api}/repos/${repo.fullName}/contents/${escaped}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.api}/repos/${repo.fullName}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${urls.web}/${repo.fullName}/${entry.type === 'tree' ? 'tree' : 'blob'}/${ref}/${escaped}`;
  return { url: self, git_url: git, html_url: html, download_url: entry.type === 'tree' ? null : `${urls.web}/${repo.fullName}/raw/${ref}/${escaped}`, _links: { self, git, html } };
}

/** A file's content in base64, wrapped at 60 characters as GitHub wraps it (`content-file`). */
export function contentFile(repo: SimRepository, path: string, ref: string, sha: string, content: Buffer, urls: Urls): Schema<'content-file'> {
  return {
    type: 'file',
    encoding: 'base64',
    size: content.length,
    name: path.split('/').at(-1) ?? path,
    path,
    content: `${(content.toString('base64').match(/.{1,60}/g) ?? []).join('\n')}\n`,
    sha,
    ...contentLinks(repo, path, ref, { type: 'blob', sha }, urls),
  };
}

/** A folder's entries (`content-directory`). */
export function contentDirectory(repo: SimRepository, entries: TreeEntry[], ref: string, urls: Urls): Schema<'content-directory'> {
  return entries.map((e) => ({
    type: e.type === 'tree' ? ('dir' as const) : ('file' as const),
    size: e.type === 'tree' ? 0 : (repo.blobs.get(e.sha)?.length ?? 0),
    name: e.name,
    path: e.path,
    sha: e.sha,
    ...contentLinks(repo, e.path, ref, e, urls),
  }));
}
