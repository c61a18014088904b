import { Probot, ProbotOctokit } from 'probot';
import type { GitHub } from '../../adapters/github/github.js';

/**
 * Who writes drift fixes: the drift-fix App (app-drift.yml), installed beside the main App. Only
 * it holds contents, pull requests and workflows write; the main App reads and reports.
 */
export interface DriftFixer {
  /** The drift-fix App's id, for logs. */
  readonly appId: number;
  /** A client of the drift-fix App's installation that reaches owner/repo, or undefined when the App is not installed there. */
  forRepo(owner: string, repo: string): Promise<GitHub | undefined>;
  /** Has each installation client it hands out passed to `hook` (the App counts their requests in its metrics). */
  instrumentWith?(hook: (octokit: GitHub, installationId: number) => void): void;
}

/** The drift-fix App's identity and where GitHub is. */
export interface DriftFixAppOptions {
  appId: number;
  privateKey: string;
  baseUrl?: string;
  /** The Octokit class (tests turn retries and throttling off). */
  Octokit?: typeof ProbotOctokit;
  /** Called with each installation client, so its requests are counted with the main App's. */
  instrument?: (octokit: GitHub, installationId: number) => void;
}

/**
 * The drift-fix App, authenticated with its own key: finds its installation for a repository
 * (one JWT request, remembered for the whole account when the installation covers all of its
 * repositories) and hands out that installation's client.
 */
export class DriftFixApp implements DriftFixer {
  readonly appId: number;
  readonly #probot: Probot;
  #instrument: DriftFixAppOptions['instrument'];
  /** Installations by account, when they reach every repository of it. */
  readonly #accounts = new Map<string, number>();
  readonly #clients = new Map<number, GitHub>();

  constructor(options: DriftFixAppOptions) {
    this.appId = options.appId;
    this.#instrument = options.instrument;
    this.#probot = new Probot({ appId: options.appId, privateKey: options.privateKey, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.Octokit ? { Octokit: options.Octokit } : {}), logLevel: 'warn' });
  }

  instrumentWith(hook: (octokit: GitHub, installationId: number) => void): void {
    this.#instrument = hook;
  }

  async forRepo(owner: string, repo: string): Promise<GitHub | undefined> {
    let id = this.#accounts.get(owner.toLowerCase());
    if (id === undefined) {
      const jwt = await this.#probot.auth();
      const found = await jwt.rest.apps.getRepoInstallation({ owner, repo }).then(
        ({ data }) => data,
        (error: { status?: number }) => {
          // The drift-fix App is not installed on the repository (or its account): no fix there.
          if (error.status === 404) return undefined;
          throw error;
        },
      );
      if (!found) return undefined;
      id = found.id;
      if (found.repository_selection === 'all') this.#accounts.set(owner.toLowerCase(), id);
    }
    let client = this.#clients.get(id);
    if (!client) {
      client = (await this.#probot.auth(id)) as unknown as GitHub;
      this.#instrument?.(client, id);
      this.#clients.set(id, client);
    }
    return client;
  }
}
