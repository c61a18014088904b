import { getOctokit } from '@actions/github';
import { ProbotOctokit } from 'probot';
import type { GitHubSimulator } from './github-simulator.js';

/** A logger that keeps quiet: Probot's Octokit logs every request at debug level. */
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Probot's Octokit as tests build it: the app's own client class. */
export type ProbotClient = InstanceType<typeof ProbotOctokit>;

/** Options passed through to Octokit: retries and throttling are off unless a test turns them on. */
export interface ClientOptions {
  retry?: Record<string, unknown>;
  throttle?: Record<string, unknown>;
  request?: Record<string, unknown>;
}

/**
 * Probot's Octokit pointed at the simulator as the app points its own (GitHub Enterprise style,
 * `/api/v3`): authenticated as the app, or as one installation when `installationId` is given.
 */
export function probotClient(sim: GitHubSimulator, auth: { appId: number; privateKey: string; installationId?: number }, options: ClientOptions = {}): ProbotClient {
  return new ProbotOctokit({
    baseUrl: sim.enterpriseApiUrl,
    auth,
    log: quiet,
    retry: { enabled: false, ...options.retry },
    throttle: { enabled: false, ...options.throttle },
    ...(options.request ? { request: options.request } : {}),
  });
}

/** The actions' client (`@actions/github`), api.github.com style, with Node's own fetch as the actions get it in tests. */
export function actionsClient(sim: GitHubSimulator, token: string, options: ClientOptions = {}): ReturnType<typeof getOctokit> {
  return getOctokit(token, { baseUrl: sim.url, request: { fetch: globalThis.fetch, ...options.request }, ...(options.retry ? { retry: options.retry } : {}) });
}
