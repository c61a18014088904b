import { issueInstallationToken, issueUserToken, issueWorkflowToken } from './auth.js';
import type { FaultHandle, FaultSpec } from './faults.js';
import type { SimulatorCore } from './handle-request.js';
import type { RepoRole, SimArtifact, SimLabel, SimCheckRun, SimComment, SimCommit, SimInstallation, SimIssue, SimReaction, SimRepository, SimWorkflowRun } from './model.js';
import type { AppPermissions } from './openapi.js';
import type { RecordedRequest, RequestFilter } from './record.js';
import { filesOf, resolveCommit } from './repo-git.js';
import { addArtifact, addCommit, addInstallation, addIssue, addPullRequest, addRepository, addTeam, addWorkflowRun, applySeed } from './seed.js';
import type { Seed, SeedArtifact, SeedCommit, SeedInstallation, SeedIssue, SeedPull, SeedRepository, SeedWorkflowRun } from './seed-types.js';
import { snapshotState, type StateSnapshot } from './snapshot.js';
import { WORKFLOW_TOKEN_PERMISSIONS, type SimulatorState } from './state.js';

/** A running GitHub simulator: where it listens, how to seed it, what it saw, and how to make it fail. */
export interface GitHubSimulator {
  /** `http://127.0.0.1:<port>`: api.github.com style (REST at `/`, GraphQL at `/graphql`); also `GITHUB_API_URL`. */
  url: string;
  /** The same as `url`. */
  apiUrl: string;
  /** `http://127.0.0.1:<port>/api/v3`: GitHub Enterprise Server style REST (GraphQL at `/api/graphql`). */
  enterpriseApiUrl: string;
  /** `127.0.0.1:<port>`, for `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  gheHost: string;
  port: number;
  /** Everything the simulator knows, for what the helpers below do not cover. */
  state: SimulatorState;

  seed(seed: Seed): Promise<void>;
  addRepository(spec: SeedRepository): Promise<SimRepository>;
  addInstallation(spec: SeedInstallation): SimInstallation;
  addCollaborator(repo: string, login: string, role: RepoRole): void;
  addTeamMember(org: string, teamSlug: string, login: string, role?: 'member' | 'maintainer'): void;
  addCommit(repo: string, spec: SeedCommit): SimCommit;
  addPullRequest(repo: string, spec: SeedPull): SimIssue;
  addIssue(repo: string, spec: SeedIssue): SimIssue;
  addWorkflowRun(repo: string, spec: SeedWorkflowRun): Promise<SimWorkflowRun>;
  addArtifact(repo: string, runId: number, spec: SeedArtifact): Promise<SimArtifact>;

  /** An installation token, as `POST /app/installations/{id}/access_tokens` would issue. */
  createInstallationToken(installationId: number, options?: { repositories?: string[]; permissions?: AppPermissions }): string;
  /** A workflow's GITHUB_TOKEN for one repository (acts as github-actions[bot]; its check runs belong to GitHub Actions). */
  createWorkflowToken(repo: string, permissions?: AppPermissions): string;
  /** A person's token, to act as a reviewer or commenter would. */
  createUserToken(login: string): string;

  repository(repo: string): SimRepository;
  /** Check runs of a repository (of one commit when `sha` is given), each with its full update history. */
  checkRuns(repo: string, sha?: string): SimCheckRun[];
  comments(repo: string, issueNumber: number): SimComment[];
  reactions(repo: string, commentId: number): SimReaction[];
  issues(repo: string): SimIssue[];
  issue(repo: string, number: number): SimIssue | undefined;
  pulls(repo: string): SimIssue[];
  /** Labels defined in the repository (an issue's own are `issue(repo, n).labels`). */
  labels(repo: string): SimLabel[];
  /** Ref name to sha (`refs/heads/main`). */
  refs(repo: string): Record<string, string>;
  commit(repo: string, revision: string): SimCommit | undefined;
  /** The text of a file at a revision (branch, sha or HEAD). */
  readFile(repo: string, revision: string, path: string): string | undefined;
  /** Every file of a revision's tree, path to text. */
  files(repo: string, revision: string): Record<string, string>;
  snapshot(): StateSnapshot;

  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** `METHOD /path` of each request no route matched. */
  readonly unknownRoutes: string[];
  count(filter: RequestFilter): number;
  routeCounts(): Record<string, number>;
  clearRequests(): void;
  assertNoUnknownRoutes(): void;
  /** The route templates served. */
  routes(): string[];

  fault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  /** Unreachable: every request is dropped (connection reset) or hangs until the simulator closes. */
  setReachable(reachable: boolean, mode?: 'drop' | 'hang'): void;
  close(): Promise<void>;
}

/** The simulator's API over its core; `start-github-simulator.ts` adds the server. */
export function simulatorApi(core: SimulatorCore, address: { port: number }, close: () => Promise<void>): GitHubSimulator {
  const state = core.state;
  const repo = (name: string): SimRepository => state.requireRepository(name);
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    apiUrl: url,
    enterpriseApiUrl: `${url}/api/v3`,
    gheHost: `127.0.0.1:${address.port}`,
    port: address.port,
    state,
    seed: (seed) => applySeed(state, seed),
    addRepository: (spec) => addRepository(state, spec),
    addInstallation: (spec) => addInstallation(state, spec),
    addCollaborator: (name, login, role) => void repo(name).collaborators.set(state.account(login).login.toLowerCase(), role),
    addTeamMember: (org, slug, login, role = 'member') => addTeam(state, { org, slug, members: { [login]: role } }),
    addCommit: (name, spec) => addCommit(state, repo(name), spec),
    addPullRequest: (name, spec) => addPullRequest(state, repo(name), spec),
    addIssue: (name, spec) => addIssue(state, repo(name), spec),
    addWorkflowRun: (name, spec) => addWorkflowRun(state, repo(name), spec),
    addArtifact: (name, runId, spec) => {
      const run = repo(name).workflowRuns.find((r) => r.id === runId);
      if (!run) throw new Error(`${name} has no workflow run ${runId}: add it with sim.addWorkflowRun first`);
      return addArtifact(state, repo(name), run, spec);
    },
    createInstallationToken: (id, options = {}) => {
      const installation = state.installations.get(id);
      if (!installation) throw new Error(`the simulator has no installation ${id}: add it with sim.addInstallation first`);
      return issueInstallationToken(state, installation, options).token;
    },
    createWorkflowToken: (name, permissions = WORKFLOW_TOKEN_PERMISSIONS) => issueWorkflowToken(state, repo(name), permissions).token,
    createUserToken: (login) => issueUserToken(state, login).token,
    repository: repo,
    checkRuns: (name, sha) => repo(name).checkRuns.filter((r) => !sha || r.headSha === sha),
    comments: (name, number) => [...repo(name).comments.values()].filter((c) => c.issueNumber === number).sort((a, b) => a.id - b.id),
    reactions: (name, id) => repo(name).comments.get(id)?.reactions ?? [],
    issues: (name) => [...repo(name).issues.values()].filter((i) => !i.pull),
    issue: (name, number) => repo(name).issues.get(number),
    pulls: (name) => [...repo(name).issues.values()].filter((i) => i.pull),
    labels: (name) => [...repo(name).labels.values()],
    refs: (name) => Object.fromEntries(repo(name).refs),
    commit: (name, revision) => resolveCommit(repo(name), revision),
    readFile: (name, revision, path) => {
      const commit = resolveCommit(repo(name), revision);
      const blob = commit ? filesOf(repo(name), commit).get(path) : undefined;
      return blob === undefined ? undefined : repo(name).blobs.get(blob)?.toString('utf8');
    },
    files: (name, revision) => {
      const commit = resolveCommit(repo(name), revision);
      const entries = commit ? [...filesOf(repo(name), commit)] : [];
      return Object.fromEntries(entries.map(([path, blob]) => [path, repo(name).blobs.get(blob)?.toString('utf8') ?? '']));
    },
    snapshot: () => snapshotState(state),
    requests: core.log.requests,
    unknownRoutes: core.log.unknownRoutes,
    count: (filter) => core.log.count(filter),
    routeCounts: () => core.log.routeCounts(),
    clearRequests: () => core.log.clear(),
    assertNoUnknownRoutes: () => core.log.assertNoUnknownRoutes(),
    routes: () => [...core.api.routes(), ...core.blobs.routes()],
    fault: (spec) => core.faults.add(spec),
    clearFaults: () => core.faults.clear(),
    setReachable: (reachable, mode = 'drop') => {
      core.reachability.reachable = reachable;
      core.reachability.mode = mode;
      if (reachable) for (const res of core.hanging) res.destroy();
    },
    close,
  };
}
