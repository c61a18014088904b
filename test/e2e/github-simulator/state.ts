import type { KeyObject } from 'node:crypto';
import type { SimAccount, SimApp, SimInstallation, SimRepository, SimToken } from './model.js';
import type { AppPermissions } from './openapi.js';

/** Kinds of object that get ids; each kind counts up on its own so tests can predict ids. */
export type IdKind = 'account' | 'repository' | 'installation' | 'issue' | 'pull' | 'comment' | 'reaction' | 'label' | 'milestone' | 'review' | 'event' | 'check-run' | 'check-suite' | 'workflow' | 'workflow-run' | 'artifact';

/** Permissions a new installation gets unless the seed says otherwise: everything the app and its actions use. */
export const DEFAULT_PERMISSIONS: AppPermissions = {
  actions: 'read',
  checks: 'write',
  contents: 'write',
  issues: 'write',
  members: 'read',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'read',
  workflows: 'write',
};

/** A workflow's GITHUB_TOKEN with the permissive default: never `workflows`, which no GITHUB_TOKEN gets. */
export const WORKFLOW_TOKEN_PERMISSIONS: AppPermissions = {
  actions: 'write',
  checks: 'write',
  contents: 'write',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'write',
};

/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How the state is created: the app it authenticates, the clock, and where ids start. */
export interface StateOptions {
  appId: number;
  appSlug: string;
  appName: string;
  appOwner: string;
  publicKey: KeyObject;
  clock: () => Date;
  firstId: number;
}

/**
 * Everything GitHub would know, held in memory: accounts, repositories, installations and tokens.
 * Routes read and change it; the seeding API and the accessors give tests the same view.
 */
export class SimulatorState {
  readonly clock: () => Date;
  readonly app: SimApp;
  /** GitHub Actions, the app behind workflow tokens. */
  readonly actionsApp: SimApp;
  /** Lower-case login to account. */
  readonly accounts = new Map<string, SimAccount>();
  /** Lower-case full name to repository. */
  readonly repositories = new Map<string, SimRepository>();
  readonly installations = new Map<number, SimInstallation>();
  readonly tokens = new Map<string, SimToken>();
  /** Lower-case `org/team-slug` to lower-case login and role. */
  readonly teams = new Map<string, Map<string, 'member' | 'maintainer'>>();
  readonly #ids = new Map<IdKind, number>();
  readonly #taken = new Set<string>();
  readonly #firstId: number;

  constructor(options: StateOptions) {
    this.clock = options.clock;
    this.#firstId = options.firstId;
    this.app = {
      id: options.appId,
      slug: options.appSlug,
      name: options.appName,
      owner: this.account(options.appOwner, 'Organization'),
      publicKey: options.publicKey,
      permissions: DEFAULT_PERMISSIONS,
      events: ['check_run', 'check_suite', 'issue_comment', 'issues', 'merge_group', 'pull_request', 'pull_request_review', 'push', 'workflow_run'],
      createdAt: this.now(),
    };
    this.actionsApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions', owner: this.account('github', 'Organization', 9919), permissions: DEFAULT_PERMISSIONS, events: [], createdAt: this.now() };
  }

  /** The app with an id (the app under test or GitHub Actions). */
  appById(id: number): SimApp {
    return id === this.actionsApp.id ? this.actionsApp : this.app;
  }

  /** The next id of a kind not taken by a seed. */
  nextId(kind: IdKind): number {
    let id = this.#ids.get(kind) ?? this.#firstId;
    while (this.#taken.has(`${kind} ${id}`)) id++;
    this.#ids.set(kind, id + 1);
    return id;
  }

  /** Takes the id a seed chose (or the next one), so that later ids of the kind never collide with it. */
  claimId(kind: IdKind, id: number | undefined): number {
    if (id === undefined) return this.nextId(kind);
    this.#taken.add(`${kind} ${id}`);
    return id;
  }

  /** Now, by the injected clock, in GitHub's format. */
  now(): string {
    return isoTime(this.clock());
  }

  /** The account of a login, created on first use (with the id the seed gives, if any). */
  account(login: string, type: SimAccount['type'] = 'User', id?: number): SimAccount {
    const key = login.toLowerCase();
    const known = this.accounts.get(key);
    if (known) return known;
    const account: SimAccount = { login, id: this.claimId('account', id), type: login.endsWith('[bot]') ? 'Bot' : type };
    this.accounts.set(key, account);
    return account;
  }

  /** The bot user the app's installation tokens act as. */
  bot(): SimAccount {
    return this.account(`${this.app.slug}[bot]`, 'Bot');
  }

  /** A repository by `owner/name` (any case). */
  repository(fullName: string): SimRepository | undefined {
    return this.repositories.get(fullName.toLowerCase());
  }

  /** A repository the seeding API refers to: a missing one is a mistake in the test, said plainly. */
  requireRepository(fullName: string): SimRepository {
    const repo = this.repository(fullName);
    if (!repo) throw new Error(`the simulator has no repository ${fullName}: add it with sim.addRepository({ owner, name }) first`);
    return repo;
  }

  /** The installation of the app that holds a repository, if any. */
  installationOf(repo: SimRepository): SimInstallation | undefined {
    return [...this.installations.values()].find((i) => i.account.id === repo.owner.id && (i.selection === 'all' || i.repositories.has(repo.fullName.toLowerCase())));
  }

  /** The repositories an installation can reach. */
  repositoriesOf(installation: SimInstallation): SimRepository[] {
    return [...this.repositories.values()].filter((r) => this.installationOf(r)?.id === installation.id);
  }
}
