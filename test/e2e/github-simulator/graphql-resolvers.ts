import type { Blob, Commit, CommitParentsArgs, PageInfo, PullRequest, PullRequestState, QueryRepositoryArgs, RateLimit, Ref, RefAssociatedPullRequestsArgs, Repository, RepositoryObjectArgs, RepositoryPullRequestArgs, RepositoryRefArgs, Tree, TreeEntry } from '@octokit/graphql-schema';
import { GraphQLError } from 'graphql';
import { entriesAt, filesUnder, hashTree, isBinary } from './git-objects.js';
import type { SimCommit, SimIssue, SimPull, SimRepository } from './model.js';
import { fullRef, resolveCommit } from './repo-git.js';
import type { RateLimitStatus } from './rate-limit.js';
import type { SimulatorState } from './state.js';
import { nodeId, type Urls } from './urls.js';

/** GitHub's limit on `Blob.text`: longer files come back truncated. */
const MAX_TEXT_BYTES = 512 * 1024;

/** A connection as GitHub pages lists (`nodes`, `totalCount`, `pageInfo`). */
interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: Pick<PageInfo, 'hasNextPage' | 'hasPreviousPage' | 'endCursor' | 'startCursor'>;
}

type BlobNode = Pick<Blob, 'id' | 'oid' | 'abbreviatedOid' | 'byteSize' | 'text' | 'isBinary' | 'isTruncated'> & { __typename: 'Blob' };
type TreeNode = Pick<Tree, 'id' | 'oid' | 'abbreviatedOid'> & { __typename: 'Tree'; entries: () => EntryNode[] };
type EntryNode = Pick<TreeEntry, 'name' | 'path' | 'type' | 'mode' | 'oid' | 'size' | 'extension' | 'isGenerated'> & { __typename: 'TreeEntry'; object: () => BlobNode | TreeNode };
type CommitNode = Pick<Commit, 'id' | 'oid' | 'abbreviatedOid' | 'message' | 'messageHeadline' | 'committedDate' | 'authoredDate' | 'url'> & {
  __typename: 'Commit';
  tree: () => TreeNode;
  parents: (args: CommitParentsArgs) => Connection<CommitNode>;
};
type PullNode = Pick<PullRequest, 'id' | 'number' | 'url' | 'title' | 'body' | 'state' | 'isDraft' | 'headRefName' | 'headRefOid' | 'baseRefName' | 'createdAt'> & { __typename: 'PullRequest' };
type RefNode = Pick<Ref, 'id' | 'name' | 'prefix'> & { __typename: 'Ref'; target: () => CommitNode | null; associatedPullRequests: (args: RefAssociatedPullRequestsArgs) => Connection<PullNode> };
type RepositoryNode = Pick<Repository, 'id' | 'name' | 'nameWithOwner' | 'url' | 'isArchived' | 'isPrivate' | 'isFork' | 'databaseId'> & {
  __typename: 'Repository';
  owner: { __typename: 'User' | 'Organization'; login: string; id: string; url: string };
  defaultBranchRef: () => RefNode | null;
  object: (args: RepositoryObjectArgs) => BlobNode | TreeNode | CommitNode | null;
  ref: (args: RepositoryRefArgs) => RefNode | null;
  pullRequest: (args: RepositoryPullRequestArgs) => PullNode | null;
};

/** What one GraphQL request may see: the state, its links, and the repositories its credential reaches. */
export interface GraphQLScope {
  state: SimulatorState;
  urls: Urls;
  canSee(repo: SimRepository): boolean;
  rateLimit: RateLimitStatus;
}

function connection<T>(all: T[], first: number | null | undefined): Connection<T> {
  const nodes = all.slice(0, first ?? all.length);
  return { nodes, totalCount: all.length, pageInfo: { hasNextPage: nodes.length < all.length, hasPreviousPage: false, startCursor: nodes.length ? 'Y3Vyc29yOjE=' : null, endCursor: nodes.length ? Buffer.from(`cursor:${nodes.length}`).toString('base64') : null } };
}

function blobNode(repo: SimRepository, sha: string): BlobNode {
  const content = repo.blobs.get(sha) ?? Buffer.alloc(0);
  const binary = isBinary(content);
  return { __typename: 'Blob', id: nodeId('Blob', sha), oid: sha, abbreviatedOid: sha.slice(0, 7), byteSize: content.length, isBinary: binary, isTruncated: !binary && content.length > MAX_TEXT_BYTES, text: binary ? null : content.subarray(0, MAX_TEXT_BYTES).toString('utf8') };
}

function treeNode(repo: SimRepository, files: ReadonlyMap<string, string>, dir: string): TreeNode {
  const oid = hashTree(filesUnder(files, dir));
  return {
    __typename: 'Tree',
    id: nodeId('Tree', oid),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    entries: () =>
      entriesAt(files, dir).map((e) => ({
        __typename: 'TreeEntry',
        name: e.name,
        path: e.path,
        type: e.type,
        mode: parseInt(e.mode, 8),
        oid: e.sha,
        size: e.type === 'blob' ? (repo.blobs.get(e.sha)?.length ?? 0) : 0,
        extension: e.type === 'blob' && e.name.includes('.') ? e.name.slice(e.name.lastIndexOf('.')) : null,
        isGenerated: false,
        object: () => (e.type === 'blob' ? blobNode(repo, e.sha) : treeNode(repo, files, e.path)),
      })),
  };
}

function commitNode(repo: SimRepository, commit: SimCommit, urls: Urls): CommitNode {
  return {
    __typename: 'Commit',
    id: nodeId('Commit', commit.sha),
    oid: commit.sha,
    abbreviatedOid: commit.sha.slice(0, 7),
    message: commit.message,
    messageHeadline: commit.message.split('\n')[0] ?? '',
    committedDate: commit.committer.date,
    authoredDate: commit.author.date,
    url: `${urls.web}/${repo.fullName}/commit/${commit.sha}`,
    tree: () => treeNode(repo, repo.trees.get(commit.tree) ?? new Map(), ''),
    parents: (args) => connection(commit.parents.flatMap((p) => repo.commits.get(p) ?? []).map((c) => commitNode(repo, c, urls)), args.first),
  };
}

function pullNode(repo: SimRepository, issue: SimIssue & { pull: SimPull }, urls: Urls): PullNode {
  const state: PullRequestState = issue.pull.mergedAt ? 'MERGED' : issue.state === 'open' ? 'OPEN' : 'CLOSED';
  return { __typename: 'PullRequest', id: nodeId('PullRequest', issue.pull.id), number: issue.number, url: `${urls.web}/${repo.fullName}/pull/${issue.number}`, title: issue.title, body: issue.body ?? '', state, isDraft: issue.pull.draft, headRefName: issue.pull.head.ref, headRefOid: issue.pull.head.sha, baseRefName: issue.pull.base.ref, createdAt: issue.createdAt };
}

function refNode(repo: SimRepository, ref: string, urls: Urls): RefNode | null {
  const sha = repo.refs.get(ref);
  if (!sha) return null;
  const slash = ref.indexOf('/', 'refs/'.length);
  const branch = ref.slice(slash + 1);
  return {
    __typename: 'Ref',
    id: nodeId('Ref', `${repo.id}:${ref}`),
    name: branch,
    prefix: ref.slice(0, slash + 1),
    target: () => (repo.commits.get(sha) ? commitNode(repo, repo.commits.get(sha) as SimCommit, urls) : null),
    associatedPullRequests: (args) => {
      const states = args.states ? [args.states].flat() : undefined;
      const pulls = [...repo.issues.values()]
        .filter((i): i is SimIssue & { pull: SimPull } => i.pull !== undefined && i.pull.head.ref === branch)
        .map((i) => pullNode(repo, i, urls))
        .filter((p) => !states || states.includes(p.state));
      return connection(pulls, args.first);
    },
  };
}

function repositoryNode(repo: SimRepository, urls: Urls): RepositoryNode {
  return {
    __typename: 'Repository',
    id: nodeId('Repository', repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    url: `${urls.web}/${repo.fullName}`,
    isArchived: repo.archived,
    isPrivate: repo.private,
    isFork: false,
    owner: { __typename: repo.owner.type === 'Organization' ? 'Organization' : 'User', login: repo.owner.login, id: nodeId(repo.owner.type === 'Organization' ? 'Organization' : 'User', repo.owner.id), url: `${urls.web}/${repo.owner.login}` },
    defaultBranchRef: () => refNode(repo, `refs/heads/${repo.defaultBranch}`, urls),
    ref: (args) => refNode(repo, fullRef(args.qualifiedName), urls),
    pullRequest: (args) => {
      const issue = repo.issues.get(args.number);
      return issue?.pull ? pullNode(repo, issue as SimIssue & { pull: SimPull }, urls) : null;
    },
    object: (args) => {
      const [revision = 'HEAD', path] = (args.expression ?? String(args.oid ?? '')).split(/:(.*)/s, 2);
      const commit = resolveCommit(repo, revision);
      if (!commit) return null;
      if (path === undefined) return commitNode(repo, commit, urls);
      const files = repo.trees.get(commit.tree) ?? new Map<string, string>();
      const clean = path.replace(/^\/+|\/+$/g, '');
      const blob = files.get(clean);
      if (blob) return blobNode(repo, blob);
      return clean === '' || entriesAt(files, clean).length > 0 ? treeNode(repo, files, clean) : null;
    },
  };
}

/**
 * The root of GitHub's schema as far as the simulator answers it: `repository` (names as GitHub
 * resolves them, NOT_FOUND for one the credential cannot see) and `rateLimit`. Fields the resolvers
 * do not provide come back null, or as GitHub's non-null error, never invented.
 */
export function rootValue(scope: GraphQLScope): { repository: (args: QueryRepositoryArgs) => RepositoryNode; rateLimit: () => Pick<RateLimit, 'cost' | 'limit' | 'remaining' | 'used' | 'resetAt' | 'nodeCount'> } {
  return {
    repository: (args) => {
      const repo = scope.state.repository(`${args.owner}/${args.name}`);
      if (!repo || !scope.canSee(repo)) throw new GraphQLError(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`, { extensions: { type: 'NOT_FOUND' } });
      return repositoryNode(repo, scope.urls);
    },
    rateLimit: () => ({ cost: 1, limit: scope.rateLimit.limit, remaining: scope.rateLimit.remaining, used: scope.rateLimit.used, resetAt: new Date(scope.rateLimit.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), nodeCount: 1 }),
  };
}
