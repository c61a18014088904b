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
  /** The repository's topics, when a manifest entry selects by them (else empty). */
  topics: string[];
  /** Which of the template's other files (asked for by path) the default branch has. */
  present: string[];
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

/** What the sweep asks of each repository beyond its workflows: the template's other files (asked for as $f0, $f1, ...), and topics when a manifest entry selects by them. */
export interface SweepQueryExtras {
  files?: string[];
  topics?: boolean;
}

/** The fragment every repository of a batch is read with. */
const fragment = (files: string[], topics: boolean) => `fragment RepoDrift on Repository {
  nameWithOwner
  defaultBranchRef { name target { oid } }${topics ? '\n  repositoryTopics(first: 20) { nodes { topic { name } } }' : ''}${files.map((_f, i) => `\n  f${i}: object(expression: $f${i}) { oid }`).join('')}
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
  repositoryTopics?: { nodes: Array<{ topic: { name: string } }> };
  defaultBranchRef: { name: string; target: { oid: string } } | null;
  workflows: { entries?: Array<{ name: string; type: string; object: { text: string | null; isBinary: boolean; isTruncated: boolean } | null }> } | null;
  fix: { target: { oid: string; tree: { oid: string }; parents: { nodes: Array<{ oid: string }> } }; associatedPullRequests: { nodes: Array<{ number: number; url: string; body: string }> } } | null;
}

/** The GraphQL query of one batch and its variables: aliases r0, r1, ...; names and paths only ever as variables. */
export function buildSweepQuery(repos: Array<{ owner: string; name: string }>, branch: string, extras: SweepQueryExtras = {}): { query: string; variables: Record<string, string> } {
  const files = extras.files ?? [];
  const variables: Record<string, string> = { branch: `refs/heads/${branch}` };
  files.forEach((path, i) => (variables[`f${i}`] = `HEAD:${path}`));
  const fields = repos.map((r, i) => {
    variables[`o${i}`] = r.owner;
    variables[`n${i}`] = r.name;
    return `r${i}: repository(owner: $o${i}, name: $n${i}) { ...RepoDrift }`;
  });
  const params = [...files.map((_f, i) => `$f${i}: String!`), ...repos.map((_r, i) => `$o${i}: String!, $n${i}: String!`)].join(', ');
  return { query: `query SweepDrift($branch: String!, ${params}) {\n  ${fields.join('\n  ')}\n}\n${fragment(files, extras.topics ?? false)}`, variables };
}

/**
 * The workflows of up to REPOS_PER_QUERY repositories and the state of their fix branch, in one
 * GraphQL query (aliases r0, r1, ...; names passed as variables, never spliced into the query).
 */
export async function fetchRepoWorkflows(octokit: GitHub, repos: Array<{ owner: string; name: string }>, branch: string, extras: SweepQueryExtras = {}): Promise<RepoWorkflows[]> {
  const files = extras.files ?? [];
  const { query, variables } = buildSweepQuery(repos, branch, extras);
  const data = await octokit.graphql<Record<string, RepoNode | null>>(query, variables);
  return repos.flatMap((r, i) => {
    const node = data[`r${i}`];
    return node ? [toRepoWorkflows(r, node, files)] : [];
  });
}

function toRepoWorkflows(repo: { owner: string; name: string }, node: RepoNode, paths: string[]): RepoWorkflows {
  const found = node as unknown as Record<string, { oid: string } | null | undefined>;
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
    topics: (node.repositoryTopics?.nodes ?? []).map((n) => n.topic.name),
    present: paths.filter((_p, i) => found[`f${i}`]),
    ...(target ? { fixBranch: { sha: target.oid, tree: target.tree.oid, ...(target.parents.nodes[0] ? { parent: target.parents.nodes[0].oid } : {}), ...(pull ? { pull } : {}) } } : {}),
  };
}
