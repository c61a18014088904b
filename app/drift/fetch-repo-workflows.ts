import type { WorkflowFile } from '../../core/drift/types.js';
import type { GitHub } from '../../adapters/github/github.js';

/** What the sweep knows about one repository after the batched query. */
export interface RepoWorkflows {
  owner: string;
  name: string;
  fullName: string;
  /** Default branch and its head commit; absent for an empty repository. */
  defaultBranch?: { name: string; sha: string };
  /** The readable workflow files of the default branch. */
  files: WorkflowFile[];
  /** Workflow files GitHub would not return as text (binary or too large): never guessed at. */
  unreadable: string[];
  /** The fix branch, when it exists: its head commit, that commit's tree and first parent, and its open pull request. */
  fixBranch?: { sha: string; tree: string; parent?: string; pull?: { number: number; url: string; body: string } };
}

/** Repositories per GraphQL query: small enough to stay well inside GitHub's per-query node and time limits with file texts. */
export const REPOS_PER_QUERY = 25;

/** The repositories the installation can access, 100 per REST page (archived ones are skipped: their workflows do not run). */
export async function listInstallationRepos(octokit: GitHub): Promise<Array<{ owner: string; name: string }>> {
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repos.filter((r) => !r.archived).map((r) => ({ owner: r.owner.login, name: r.name }));
}

const FRAGMENT = `fragment RepoDrift on Repository {
  nameWithOwner
  defaultBranchRef { name target { oid } }
  workflows: object(expression: "HEAD:.github/workflows") {
    ... on Tree { entries { name type object { ... on Blob { text isBinary isTruncated } } } }
  }
  fix: ref(qualifiedName: $branch) {
    target { ... on Commit { oid tree { oid } parents(first: 1) { nodes { oid } } } }
    associatedPullRequests(states: OPEN, first: 1) { nodes { number url body } }
  }
}`;

interface RepoNode {
  nameWithOwner: string;
  defaultBranchRef: { name: string; target: { oid: string } } | null;
  workflows: { entries?: Array<{ name: string; type: string; object: { text: string | null; isBinary: boolean; isTruncated: boolean } | null }> } | null;
  fix: { target: { oid: string; tree: { oid: string }; parents: { nodes: Array<{ oid: string }> } }; associatedPullRequests: { nodes: Array<{ number: number; url: string; body: string }> } } | null;
}

/** The GraphQL query of one batch and its variables: aliases r0, r1, ...; names only ever as variables. */
export function buildSweepQuery(repos: Array<{ owner: string; name: string }>, branch: string): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = { branch: `refs/heads/${branch}` };
  const fields = repos.map((r, i) => {
    variables[`o${i}`] = r.owner;
    variables[`n${i}`] = r.name;
    return `r${i}: repository(owner: $o${i}, name: $n${i}) { ...RepoDrift }`;
  });
  const params = repos.map((_r, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  return { query: `query SweepDrift($branch: String!, ${params}) {\n  ${fields.join('\n  ')}\n}\n${FRAGMENT}`, variables };
}

/**
 * The workflows of up to REPOS_PER_QUERY repositories and the state of their fix branch, in one
 * GraphQL query (aliases r0, r1, ...; names passed as variables, never spliced into the query).
 */
export async function fetchRepoWorkflows(octokit: GitHub, repos: Array<{ owner: string; name: string }>, branch: string): Promise<RepoWorkflows[]> {
  const { query, variables } = buildSweepQuery(repos, branch);
  const data = await octokit.graphql<Record<string, RepoNode | null>>(query, variables);
  return repos.flatMap((r, i) => {
    const node = data[`r${i}`];
    return node ? [toRepoWorkflows(r, node)] : [];
  });
}

function toRepoWorkflows(repo: { owner: string; name: string }, node: RepoNode): RepoWorkflows {
  const files: WorkflowFile[] = [];
  const unreadable: string[] = [];
  for (const entry of node.workflows?.entries ?? []) {
    if (entry.type !== 'blob' || !/\.ya?ml$/.test(entry.name)) continue;
    const path = `.github/workflows/${entry.name}`;
    if (!entry.object || entry.object.text === null || entry.object.isBinary || entry.object.isTruncated) unreadable.push(path);
    else files.push({ path, text: entry.object.text });
  }
  const target = node.fix?.target;
  const pull = node.fix?.associatedPullRequests.nodes[0];
  return {
    owner: repo.owner,
    name: repo.name,
    fullName: node.nameWithOwner,
    ...(node.defaultBranchRef ? { defaultBranch: { name: node.defaultBranchRef.name, sha: node.defaultBranchRef.target.oid } } : {}),
    files,
    unreadable,
    ...(target ? { fixBranch: { sha: target.oid, tree: target.tree.oid, ...(target.parents.nodes[0] ? { parent: target.parents.nodes[0].oid } : {}), ...(pull ? { pull } : {}) } } : {}),
  };
}
