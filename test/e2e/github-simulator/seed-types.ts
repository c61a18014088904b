import type { RepoRole, SimDiffFile, SimReview } from './model.js';
import type { AppPermissions } from './openapi.js';

/** An installation of the app on an account. */
export interface SeedInstallation {
  id?: number;
  account: string;
  accountType?: 'User' | 'Organization';
  accountId?: number;
  /** Names (or full names) of the selected repositories; `all` (default): every repository of the account. */
  repositories?: string[] | 'all';
  permissions?: AppPermissions;
  events?: string[];
}

/** A commit on top of a branch: files added or changed (null removes one), the branch moved to it. */
export interface SeedCommit {
  /** A fixed sha (a webhook example's); absent: git's sha of the commit. */
  sha?: string;
  message?: string;
  /** Branch the commit extends and then points at (default: the default branch). */
  branch?: string;
  /** Parent shas; absent: the branch's head. */
  parents?: string[];
  files?: Record<string, string | null>;
  author?: { name: string; email: string };
  date?: string;
}

/** A pull request from a branch of the same repository. */
export interface SeedPull {
  number?: number;
  title: string;
  body?: string;
  /** Login of the author (default: the repository owner). */
  user?: string;
  /** The head branch; with `sha` and `files` its commit is created on top of the base. */
  head: { ref: string; sha?: string; files?: Record<string, string | null> };
  /** Base branch (default: the default branch). */
  base?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
  merged?: boolean;
  labels?: string[];
  /** The changed files GitHub lists; absent: computed from the base and head trees. */
  files?: Array<Pick<SimDiffFile, 'filename'> & Partial<SimDiffFile>>;
  reviews?: Array<{ user: string; state: SimReview['state']; body?: string; commitId?: string; submittedAt?: string }>;
  createdAt?: string;
}

/** An issue. */
export interface SeedIssue {
  number?: number;
  title: string;
  body?: string;
  user?: string;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  createdAt?: string;
}

/** An artifact of a workflow run: its zip as bytes (base64 in JSON seeds) or files to zip. */
export interface SeedArtifact {
  id?: number;
  name: string;
  zip?: Buffer | string;
  files?: Record<string, string>;
  expired?: boolean;
  createdAt?: string;
}

/** A workflow run of GitHub Actions. */
export interface SeedWorkflowRun {
  id?: number;
  name: string;
  headSha: string;
  headBranch?: string;
  event?: string;
  status?: string;
  conclusion?: string | null;
  /** The workflow file (default `.github/workflows/<name in kebab case>.yml`). */
  path?: string;
  runNumber?: number;
  actor?: string;
  createdAt?: string;
  artifacts?: SeedArtifact[];
}

/** A repository and what is in it. */
export interface SeedRepository {
  owner: string;
  ownerType?: 'User' | 'Organization';
  ownerId?: number;
  name: string;
  id?: number;
  defaultBranch?: string;
  private?: boolean;
  archived?: boolean;
  description?: string;
  /** Files of the default branch's first commit, by path (`.github/maestro.yml`, `.github/workflows/ci.yml`). */
  files?: Record<string, string>;
  collaborators?: Record<string, RepoRole>;
  labels?: Array<{ name: string; color?: string; description?: string }>;
  commits?: SeedCommit[];
  pulls?: SeedPull[];
  issues?: SeedIssue[];
  workflowRuns?: SeedWorkflowRun[];
}

/** Members of an organisation's team. */
export interface SeedTeam {
  org: string;
  slug: string;
  members: string[] | Record<string, 'member' | 'maintainer'>;
}

/** A whole world to start from, as `main.ts --seed file.json` reads it. */
export interface Seed {
  repositories?: SeedRepository[];
  installations?: SeedInstallation[];
  teams?: SeedTeam[];
}
