import { commitBody, hashObject, hashTree, type FileMap } from './git-objects.js';
import type { GitPerson, SimCommit, SimDiffFile, SimRepository } from './model.js';

/** Stores file content as a blob; returns its sha. */
export function putBlob(repo: SimRepository, content: Buffer): string {
  const sha = hashObject('blob', content);
  repo.blobs.set(sha, content);
  return sha;
}

/** Stores a tree given as path to blob sha; returns its sha. */
export function putTree(repo: SimRepository, files: FileMap): string {
  const sha = hashTree(files);
  repo.trees.set(sha, new Map(files));
  return sha;
}

/** Stores a tree given as path to text, writing the blobs too. */
export function putFiles(repo: SimRepository, files: Record<string, string | Buffer>, base: FileMap = new Map()): string {
  const map = new Map(base);
  for (const [path, content] of Object.entries(files)) map.set(path.replace(/^\/+/, ''), putBlob(repo, Buffer.isBuffer(content) ? content : Buffer.from(content)));
  return putTree(repo, map);
}

/** Stores a commit; its sha is git's, unless a seed needs a given sha (a webhook example's head commit). */
export function putCommit(repo: SimRepository, commit: { tree: string; parents: string[]; message: string; author: GitPerson; committer?: GitPerson; sha?: string }): SimCommit {
  const committer = commit.committer ?? commit.author;
  const body = { tree: commit.tree, parents: commit.parents, message: commit.message, author: commit.author, committer };
  const stored: SimCommit = { sha: commit.sha ?? hashObject('commit', commitBody(body)), ...body };
  repo.commits.set(stored.sha, stored);
  return stored;
}

/** The full ref name of a branch, tag or ref as clients write it (`main`, `heads/main`, `refs/heads/main`). */
export function fullRef(name: string): string {
  if (name.startsWith('refs/')) return name;
  if (name.startsWith('heads/') || name.startsWith('tags/') || name.startsWith('pull/')) return `refs/${name}`;
  return `refs/heads/${name}`;
}

/** The commit a revision names: a sha (7 characters or more), HEAD, a branch, a tag or a full ref. */
export function resolveCommit(repo: SimRepository, revision: string): SimCommit | undefined {
  if (revision === 'HEAD') return resolveCommit(repo, `refs/heads/${repo.defaultBranch}`);
  const byRef = repo.refs.get(revision) ?? repo.refs.get(fullRef(revision)) ?? repo.refs.get(`refs/tags/${revision}`);
  if (byRef) return repo.commits.get(byRef);
  if (!/^[0-9a-f]{7,40}$/i.test(revision)) return undefined;
  const exact = repo.commits.get(revision.toLowerCase());
  if (exact) return exact;
  const matches = [...repo.commits.values()].filter((c) => c.sha.startsWith(revision.toLowerCase()));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The files of a commit's tree. */
export function filesOf(repo: SimRepository, commit: SimCommit): FileMap {
  return repo.trees.get(commit.tree) ?? new Map();
}

/** Every commit reachable from `sha`, itself first, breadth first. */
export function ancestors(repo: SimRepository, sha: string): string[] {
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return [...seen];
}

/** Lines added and removed between two texts: lines outside their longest common subsequence (both sides counted as whole lines for large files). */
export function lineChanges(before: string, after: string): { additions: number; deletions: number } {
  const split = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const a = split(before);
  const b = split(after);
  if (a.length * b.length > 4_000_000) return { additions: b.length, deletions: a.length };
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const current = [0];
    for (let j = 0; j < b.length; j++) current.push(line === b[j] ? (previous[j] ?? 0) + 1 : Math.max(previous[j + 1] ?? 0, current[j] ?? 0));
    previous = current;
  }
  const common = previous[b.length] ?? 0;
  return { additions: b.length - common, deletions: a.length - common };
}

/** The changed files between two trees, with line counts, as GitHub's compare and pull files list them. */
export function diffFiles(repo: SimRepository, base: FileMap, head: FileMap): SimDiffFile[] {
  const text = (sha: string | undefined): string => (sha ? (repo.blobs.get(sha)?.toString('utf8') ?? '') : '');
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
  return paths.flatMap((filename): SimDiffFile[] => {
    const before = base.get(filename);
    const after = head.get(filename);
    if (before === after) return [];
    const status = !before ? 'added' : !after ? 'removed' : 'modified';
    return [{ filename, status, ...lineChanges(text(before), text(after)) }];
  });
}
