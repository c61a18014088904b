import yazl from 'yazl';
import { createIssue, ensureLabel, setState } from './issue-store.js';
import type { SimArtifact, SimCommit, SimInstallation, SimIssue, SimRepository, SimWorkflowRun } from './model.js';
import { filesOf, putBlob, putCommit, putFiles, putTree, resolveCommit } from './repo-git.js';
import type { Seed, SeedArtifact, SeedCommit, SeedInstallation, SeedIssue, SeedPull, SeedRepository, SeedTeam, SeedWorkflowRun } from './seed-types.js';
import { DEFAULT_PERMISSIONS, isoTime, type SimulatorState } from './state.js';

/** Creates a repository with its default branch's first commit, then what the seed puts in it. */
export async function addRepository(state: SimulatorState, spec: SeedRepository): Promise<SimRepository> {
  const owner = state.account(spec.owner, spec.ownerType ?? 'User', spec.ownerId);
  const fullName = `${owner.login}/${spec.name}`;
  if (state.repository(fullName)) throw new Error(`the simulator already has a repository ${fullName}`);
  const repo: SimRepository = {
    id: state.claimId('repository', spec.id),
    owner,
    name: spec.name,
    fullName,
    defaultBranch: spec.defaultBranch ?? 'main',
    private: spec.private ?? false,
    archived: spec.archived ?? false,
    description: spec.description ?? null,
    createdAt: state.now(),
    blobs: new Map(),
    trees: new Map(),
    commits: new Map(),
    refs: new Map(),
    collaborators: new Map(),
    issues: new Map(),
    comments: new Map(),
    labels: new Map(),
    milestones: new Map(),
    checkRuns: [],
    workflowRuns: [],
    artifacts: [],
  };
  state.repositories.set(fullName.toLowerCase(), repo);
  const author = { name: owner.login, email: `${owner.id}+${owner.login}@users.noreply.github.com`, date: repo.createdAt };
  const initial = putCommit(repo, { tree: putFiles(repo, spec.files ?? {}), parents: [], message: 'Initial commit', author });
  repo.refs.set(`refs/heads/${repo.defaultBranch}`, initial.sha);
  for (const [login, role] of Object.entries(spec.collaborators ?? {})) repo.collaborators.set(state.account(login).login.toLowerCase(), role);
  for (const label of spec.labels ?? []) ensureLabel(state, repo, label.name, label.color, label.description ?? null);
  for (const commit of spec.commits ?? []) addCommit(state, repo, commit);
  for (const pull of spec.pulls ?? []) addPullRequest(state, repo, pull);
  for (const issue of spec.issues ?? []) addIssue(state, repo, issue);
  for (const run of spec.workflowRuns ?? []) await addWorkflowRun(state, repo, run);
  return repo;
}

/** Commits file changes on top of a branch (or given parents) and moves the branch to the commit. */
export function addCommit(state: SimulatorState, repo: SimRepository, spec: SeedCommit): SimCommit {
  const branch = spec.branch ?? repo.defaultBranch;
  const parents = spec.parents ?? [repo.refs.get(`refs/heads/${branch}`) ?? repo.refs.get(`refs/heads/${repo.defaultBranch}`) ?? ''].filter(Boolean);
  const parent = repo.commits.get(parents[0] ?? '');
  const files = new Map(parent ? filesOf(repo, parent) : []);
  for (const [path, content] of Object.entries(spec.files ?? {})) {
    if (content === null) files.delete(path);
    else files.set(path, putBlob(repo, Buffer.from(content)));
  }
  const date = spec.date ?? state.now();
  const author = { ...(spec.author ?? { name: repo.owner.login, email: `${repo.owner.id}+${repo.owner.login}@users.noreply.github.com` }), date };
  const commit = putCommit(repo, { tree: putTree(repo, files), parents, message: spec.message ?? `Update ${Object.keys(spec.files ?? {}).join(', ') || branch}`, author, ...(spec.sha ? { sha: spec.sha } : {}) });
  repo.refs.set(`refs/heads/${branch}`, commit.sha);
  return commit;
}

/** A commit with a given sha, for shas named in webhook examples and runs: the default branch's tree on top of its head. */
export function ensureCommit(state: SimulatorState, repo: SimRepository, sha: string): SimCommit {
  const known = repo.commits.get(sha);
  if (known) return known;
  const head = resolveCommit(repo, 'HEAD');
  const author = { name: repo.owner.login, email: `${repo.owner.id}+${repo.owner.login}@users.noreply.github.com`, date: state.now() };
  return putCommit(repo, { sha, tree: head?.tree ?? putTree(repo, new Map()), parents: head ? [head.sha] : [], message: `Commit ${sha.slice(0, 7)}`, author });
}

/** Opens a pull request from a branch, creating its head commit on the base when the seed describes it. */
export function addPullRequest(state: SimulatorState, repo: SimRepository, spec: SeedPull): SimIssue {
  const baseRef = spec.base ?? repo.defaultBranch;
  const baseSha = repo.refs.get(`refs/heads/${baseRef}`);
  if (!baseSha) throw new Error(`${repo.fullName} has no branch ${baseRef} to open a pull request against`);
  const existing = spec.head.sha ? repo.commits.get(spec.head.sha) : undefined;
  const head = existing ?? addCommit(state, repo, { branch: spec.head.ref, parents: [baseSha], files: spec.head.files ?? {}, message: spec.title, ...(spec.head.sha ? { sha: spec.head.sha } : {}) });
  repo.refs.set(`refs/heads/${spec.head.ref}`, head.sha);
  const createdAt = spec.createdAt ?? state.now();
  const user = state.account(spec.user ?? repo.owner.login);
  const reviews = (spec.reviews ?? []).map((r) => ({ id: state.nextId('review'), user: state.account(r.user), state: r.state, body: r.body ?? '', commitId: r.commitId ?? head.sha, submittedAt: r.submittedAt ?? createdAt }));
  const files = spec.files?.map((f) => ({ filename: f.filename, status: f.status ?? 'modified', additions: f.additions ?? 1, deletions: f.deletions ?? 0, ...(f.patch ? { patch: f.patch } : {}), ...(f.previousFilename ? { previousFilename: f.previousFilename } : {}) }));
  const pull = { id: state.nextId('pull'), head: { ref: spec.head.ref, sha: head.sha }, base: { ref: baseRef, sha: baseSha }, draft: spec.draft ?? false, mergedAt: spec.merged ? createdAt : null, mergeCommitSha: null, reviews, ...(files ? { files } : {}) };
  const issue = createIssue(state, repo, { title: spec.title, body: spec.body ?? null, user, ...(spec.number ? { number: spec.number } : {}), labels: spec.labels ?? [], pull, createdAt });
  if (spec.state === 'closed' || spec.merged) setState(state, issue, 'closed', user, null);
  return issue;
}

/** Opens an issue. */
export function addIssue(state: SimulatorState, repo: SimRepository, spec: SeedIssue): SimIssue {
  const user = state.account(spec.user ?? repo.owner.login);
  const issue = createIssue(state, repo, { title: spec.title, body: spec.body ?? null, user, ...(spec.number ? { number: spec.number } : {}), labels: spec.labels ?? [], assignees: spec.assignees ?? [], ...(spec.createdAt ? { createdAt: spec.createdAt } : {}) });
  if (spec.state === 'closed') setState(state, issue, 'closed', user);
  return issue;
}

/** Records a workflow run (its head commit is created when the repository does not have it) and its artifacts. */
export async function addWorkflowRun(state: SimulatorState, repo: SimRepository, spec: SeedWorkflowRun): Promise<SimWorkflowRun> {
  if (!resolveCommit(repo, spec.headSha)) ensureCommit(state, repo, spec.headSha);
  const createdAt = spec.createdAt ?? state.now();
  const path = spec.path ?? `.github/workflows/${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.yml`;
  const workflows = [...new Set(repo.workflowRuns.map((r) => r.path))];
  const run: SimWorkflowRun = {
    id: state.claimId('workflow-run', spec.id),
    workflowId: 1000 + (workflows.includes(path) ? workflows.indexOf(path) : workflows.length),
    runNumber: spec.runNumber ?? repo.workflowRuns.filter((r) => r.path === path).length + 1,
    name: spec.name,
    displayTitle: repo.commits.get(spec.headSha)?.message.split('\n')[0] ?? spec.name,
    headSha: spec.headSha,
    headBranch: spec.headBranch ?? repo.defaultBranch,
    event: spec.event ?? 'push',
    status: spec.status ?? 'completed',
    conclusion: spec.conclusion === undefined ? ((spec.status ?? 'completed') === 'completed' ? 'success' : null) : spec.conclusion,
    path,
    actor: state.account(spec.actor ?? repo.owner.login),
    createdAt,
    updatedAt: createdAt,
  };
  repo.workflowRuns.push(run);
  for (const artifact of spec.artifacts ?? []) await addArtifact(state, repo, run, artifact);
  return run;
}

/** Zips files as `actions/upload-artifact` would, so downloads unzip like GitHub's. */
export function zipFiles(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { mtime: new Date(0) });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** Uploads an artifact to a run: the zip given, or the files zipped; it expires 90 days on, as GitHub's default retention. */
export async function addArtifact(state: SimulatorState, repo: SimRepository, run: SimWorkflowRun, spec: SeedArtifact): Promise<SimArtifact> {
  const zip = Buffer.isBuffer(spec.zip) ? spec.zip : typeof spec.zip === 'string' ? Buffer.from(spec.zip, 'base64') : await zipFiles(spec.files ?? {});
  const createdAt = spec.createdAt ?? run.createdAt;
  const artifact: SimArtifact = { id: state.claimId('artifact', spec.id), runId: run.id, name: spec.name, zip, expired: spec.expired ?? false, createdAt, expiresAt: isoTime(new Date(Date.parse(createdAt) + 90 * 86_400_000)) };
  repo.artifacts.push(artifact);
  return artifact;
}

/** Installs the app on an account, on all its repositories or the ones named. */
export function addInstallation(state: SimulatorState, spec: SeedInstallation): SimInstallation {
  const account = state.account(spec.account, spec.accountType ?? 'Organization', spec.accountId);
  const names = spec.repositories === undefined || spec.repositories === 'all' ? [] : spec.repositories;
  const installation: SimInstallation = {
    id: state.claimId('installation', spec.id),
    account,
    selection: spec.repositories === undefined || spec.repositories === 'all' ? 'all' : 'selected',
    repositories: new Set(names.map((n) => (n.includes('/') ? n : `${account.login}/${n}`).toLowerCase())),
    permissions: spec.permissions ?? DEFAULT_PERMISSIONS,
    events: spec.events ?? state.app.events,
    createdAt: state.now(),
  };
  state.installations.set(installation.id, installation);
  return installation;
}

/** Puts people in an organisation's team. */
export function addTeam(state: SimulatorState, spec: SeedTeam): void {
  const members = Array.isArray(spec.members) ? Object.fromEntries(spec.members.map((m) => [m, 'member' as const])) : spec.members;
  const key = `${spec.org}/${spec.slug}`.toLowerCase();
  const team = state.teams.get(key) ?? new Map<string, 'member' | 'maintainer'>();
  for (const [login, role] of Object.entries(members)) team.set(state.account(login).login.toLowerCase(), role);
  state.teams.set(key, team);
}

/** Applies a whole seed: repositories first, then the installations that reach them, then teams. */
export async function applySeed(state: SimulatorState, seed: Seed): Promise<void> {
  for (const repo of seed.repositories ?? []) await addRepository(state, repo);
  for (const installation of seed.installations ?? []) addInstallation(state, installation);
  for (const team of seed.teams ?? []) addTeam(state, team);
}
