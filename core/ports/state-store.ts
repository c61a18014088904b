/**
 * What the app remembers between deliveries, so an evaluation does not ask GitHub again for what
 * it already knows: the check run of a commit, the gate-notes comment of a PR, PR data from the
 * last pull_request event, the workflow runs of a commit, reports of already downloaded artifacts.
 * Everything here can be lost (a restart without Redis): the app then asks GitHub once more.
 */
export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value for `ttlSeconds`. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Changes a value atomically with respect to other updates of the same key. */
  update<T>(key: string, ttlSeconds: number, change: (current: T | undefined) => T): Promise<T>;
  /** Stores `value` only when the key is absent; true when this call stored it (the caller holds the claim). */
  claim(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * When this memory began (milliseconds since the epoch, on the app's clock): what happened before
   * it may have been done by an earlier process whose memory is gone, so it is looked up on GitHub.
   */
  since(): Promise<number>;
  close(): Promise<void>;
}

/** Lifetimes of what is stored. */
export const TTL = {
  /** Check run and tracked workflow runs of a commit. */
  commit: 7 * 24 * 3600,
  /** The gate-notes comment of a PR. */
  pull: 90 * 24 * 3600,
  /** Parsed reports of an artifact (artifacts never change). */
  artifact: 24 * 3600,
  /** A user's permission on a repo, a team membership. */
  permission: 10 * 60,
  /** Waivers of a PR: longer than the longest waiver (365 days), so expired ones are still shown. */
  waivers: 400 * 24 * 3600,
  /** A delivery id: GitHub lets deliveries of the last 3 days be redelivered. */
  delivery: 4 * 24 * 3600,
  /** The repo-wide evidence artifacts of a repo's default branch: a scheduled run's new report counts within this long. */
  repoWide: 10 * 60,
} as const;

/** Key names, in one place. */
export const keys = {
  checkRun: (repo: string, sha: string, name: string) => `check:${repo}@${sha}:${name}`,
  comment: (repo: string, pr: number) => `comment:${repo}#${pr}`,
  snapshot: (repo: string, pr: number) => `pr:${repo}#${pr}`,
  runs: (repo: string, sha: string) => `runs:${repo}@${sha}`,
  /** Set once the workflow runs of a commit were listed from GitHub (events alone may miss some). */
  runsListed: (repo: string, sha: string) => `runs-listed:${repo}@${sha}`,
  artifact: (repo: string, id: number) => `artifact:${repo}:${id}`,
  /** The newest evidence artifacts of the default branch's runs (drift, drills, SLO burn), listed once per TTL.repoWide. */
  repoWide: (repo: string, branch: string) => `repo-wide:${repo}:${branch}`,
  /** The key of a repo's newest drift-report in the App's evidence store (null: none), looked up once per TTL.repoWide. */
  repoWideStore: (repo: string) => `repo-wide-store:${repo}`,
  role: (repo: string, login: string) => `role:${repo}:${login.toLowerCase()}`,
  team: (team: string, login: string) => `team:${team.toLowerCase()}:${login.toLowerCase()}`,
  /** Waiver reports granted on a PR (the engine's trusted waivers). */
  waivers: (repo: string, pr: number) => `waivers:${repo}#${pr}`,
  /** Active waivers of every repo, by end time, for re-evaluation when they expire. */
  waiverExpiries: () => 'waiver-expiries',
  /** The override of one commit. */
  override: (repo: string, sha: string) => `override:${repo}@${sha}`,
  /** The last gate result of a PR at a commit (for `/gates explain`). */
  result: (repo: string, sha: string, pr: number) => `result:${repo}@${sha}#${pr}`,
  /** The last conclusion of a PR, to record decision changes in the audit ledger. */
  conclusion: (repo: string, pr: number) => `conclusion:${repo}#${pr}`,
  /** A webhook delivery being handled or handled (by X-GitHub-Delivery), so a redelivery is not acted on twice. */
  delivery: (id: string) => `delivery:${id}`,
  /** The commands of one comment (its id and a digest of its command lines), so they take effect once. */
  commands: (repo: string, commentId: number, digest: string) => `commands:${repo}:${commentId}:${digest}`,
  /** The changed paths of a PR at a head commit (they never change for that commit). */
  files: (repo: string, pr: number, sha: string) => `files:${repo}#${pr}@${sha}`,
};
