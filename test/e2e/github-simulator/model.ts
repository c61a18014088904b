import type { KeyObject } from 'node:crypto';
import type { AppPermissions, RequestBody, Schema } from './openapi.js';

/** A GitHub account: a person, an organisation, or the bot user an app acts as. */
export interface SimAccount {
  login: string;
  id: number;
  type: 'User' | 'Organization' | 'Bot';
}

/** Repository roles, strongest first, as GitHub grants them to collaborators. */
export const REPO_ROLES = ['admin', 'maintain', 'write', 'triage', 'read'] as const;
/** A collaborator's role on one repository. */
export type RepoRole = (typeof REPO_ROLES)[number];

/** The author or committer line of a commit. */
export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

/** A commit object: its tree and parents are shas in the same repository. */
export interface SimCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}

/** One changed file of a pull request, as a test seeds it when the trees do not tell the story. */
export interface SimDiffFile {
  filename: string;
  status: Schema<'diff-entry'>['status'];
  additions: number;
  deletions: number;
  patch?: string;
  previousFilename?: string;
}

/** A submitted review. */
export interface SimReview {
  id: number;
  user: SimAccount;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body: string;
  commitId: string;
  submittedAt: string;
}

/** What makes an issue a pull request. */
export interface SimPull {
  id: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  reviews: SimReview[];
  /** Seeded diff; absent: computed from the base and head trees. */
  files?: SimDiffFile[];
}

/** An entry of an issue's timeline, in the order it happened (a comment is an entry that points at the comment). */
export interface SimTimelineEvent {
  id: number;
  event: 'commented' | 'labeled' | 'unlabeled' | 'assigned' | 'unassigned' | 'milestoned' | 'demilestoned' | 'closed' | 'reopened' | 'renamed';
  actor: SimAccount;
  at: string;
  label?: string;
  assignee?: SimAccount;
  milestone?: string;
  rename?: { from: string; to: string };
  commentId?: number;
  stateReason?: string | null;
}

/** An issue or, with `pull`, a pull request: GitHub numbers both in one sequence per repository. */
export interface SimIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: SimAccount;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  assignees: SimAccount[];
  milestone: number | null;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: SimAccount | null;
  timeline: SimTimelineEvent[];
  pull?: SimPull;
}

/** A reaction left on an issue comment. */
export interface SimReaction {
  id: number;
  content: Schema<'reaction'>['content'];
  user: SimAccount;
  createdAt: string;
}

/** An issue or pull request comment. */
export interface SimComment {
  id: number;
  issueNumber: number;
  body: string;
  user: SimAccount;
  createdAt: string;
  updatedAt: string;
  reactions: SimReaction[];
  /** Posted with an installation token: GitHub shows the app it came through. */
  viaApp: boolean;
}

/** A label defined in a repository. */
export interface SimLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** A milestone of a repository. */
export interface SimMilestone {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  creator: SimAccount;
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A check run annotation as the API accepts it. */
export type CheckAnnotation = NonNullable<NonNullable<RequestBody<'checks/update'>['output']>['annotations']>[number];
/** A button a check run offers ("Re-run gates"). */
export type CheckAction = NonNullable<RequestBody<'checks/update'>['actions']>[number];

/** One create or update request of a check run, kept so tests can see every step GitHub saw. */
export interface SimCheckRunChange {
  kind: 'create' | 'update';
  at: string;
  body: Record<string, unknown>;
}

/** A check run with its current state and the history of requests that shaped it. */
export interface SimCheckRun {
  id: number;
  checkSuiteId: number;
  appId: number;
  headSha: string;
  name: string;
  status: Schema<'check-run'>['status'];
  conclusion: Schema<'check-run'>['conclusion'];
  externalId: string | null;
  detailsUrl: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: CheckAnnotation[];
  actions: CheckAction[];
  history: SimCheckRunChange[];
}

/** A workflow run of GitHub Actions. */
export interface SimWorkflowRun {
  id: number;
  workflowId: number;
  runNumber: number;
  name: string;
  displayTitle: string;
  headSha: string;
  headBranch: string | null;
  event: string;
  status: string;
  conclusion: string | null;
  path: string;
  actor: SimAccount;
  createdAt: string;
  updatedAt: string;
}

/** An artifact a workflow run uploaded: the zip GitHub serves for it. */
export interface SimArtifact {
  id: number;
  runId: number;
  name: string;
  zip: Buffer;
  expired: boolean;
  createdAt: string;
  expiresAt: string;
}

/** A repository: git objects, refs and everything GitHub keeps beside them. */
export interface SimRepository {
  id: number;
  owner: SimAccount;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  archived: boolean;
  description: string | null;
  createdAt: string;
  blobs: Map<string, Buffer>;
  /** Trees as flat maps of file path to blob sha (git's nested trees are hashed from them). */
  trees: Map<string, Map<string, string>>;
  commits: Map<string, SimCommit>;
  /** Full ref name (`refs/heads/main`) to commit sha. */
  refs: Map<string, string>;
  /** Lower-case login to role. */
  collaborators: Map<string, RepoRole>;
  issues: Map<number, SimIssue>;
  comments: Map<number, SimComment>;
  labels: Map<string, SimLabel>;
  milestones: Map<number, SimMilestone>;
  checkRuns: SimCheckRun[];
  workflowRuns: SimWorkflowRun[];
  artifacts: SimArtifact[];
}

/** A GitHub App: the one under test, or GitHub Actions (whose workflow tokens create check runs too). */
export interface SimApp {
  id: number;
  slug: string;
  name: string;
  owner: SimAccount;
  /** The key its JWTs are checked with (only the app under test signs JWTs). */
  publicKey?: KeyObject;
  permissions: AppPermissions;
  events: string[];
  createdAt: string;
}

/** An installation of the app on an account. */
export interface SimInstallation {
  id: number;
  account: SimAccount;
  selection: 'all' | 'selected';
  /** Lower-case full names of the selected repositories. */
  repositories: Set<string>;
  permissions: AppPermissions;
  events: string[];
  createdAt: string;
}

/**
 * A credential the simulator issued: an installation token (`ghs_`), a workflow's GITHUB_TOKEN
 * (`ghs_`, GitHub Actions' installation on one repository) or a person's token (`ghp_`).
 */
export interface SimToken {
  token: string;
  kind: 'installation' | 'workflow' | 'user';
  installationId?: number;
  login?: string;
  /** Lower-case full names the token is limited to; absent: everything its installation or person reaches (a workflow token: its repository). */
  repositories?: Set<string>;
  permissions: AppPermissions;
  createdAt: string;
  expiresAt: string;
}
