import { ProbotOctokit } from 'probot';
import type { ContentLimiter } from '../adapters/github/content-limiter.js';

/** Retries of server errors and network failures, with back-off. */
export const RETRIES = 3;
/** Wait at most this long for a rate limit window before giving up (the evaluation is then retried by the queue). */
export const MAX_RATE_LIMIT_WAIT_S = 120;

interface ThrottleRequest {
  method: string;
  url: string;
  request: { retryCount: number };
}
interface Log {
  warn: (message: string) => void;
}
interface PluginOptions {
  contentLimiter?: ContentLimiter;
  auth?: { installationId?: number | string };
}

/**
 * A throttling group that never waits. The throttling plugin spaces every write of an installation
 * 1 s apart and every comment 3 s apart, one at a time: 20 new pull requests then wait a minute for
 * their comments. The app keeps to GitHub's actual limits with its content limiter instead.
 */
const NO_WAIT = { key: () => ({ schedule: <T>(_options: unknown, task: (...args: unknown[]) => Promise<T>, ...args: unknown[]): Promise<T> => task(...args) }) };

/** Token requests and GraphQL queries create no content. */
const CREATES_NOTHING = /\/(app\/installations\/[^/]+\/access_tokens|graphql)(\?|$)/;

/**
 * Takes a content slot of the installation before each POST (GitHub's secondary limits on content
 * creation: 80 a minute, 500 an hour), once per request whatever the retries below it do.
 */
function contentLimit(octokit: Pick<InstanceType<typeof ProbotOctokit>, 'hook'>, options: PluginOptions): void {
  const limiter = options.contentLimiter;
  const installation = options.auth?.installationId;
  if (!limiter || installation === undefined) return;
  octokit.hook.before('request', async (request) => {
    if (request.method === 'POST' && !CREATES_NOTHING.test(request.url)) await limiter.acquire(String(installation));
  });
}

/**
 * Gives each request its own `request` options. Octokit passes a client's default `request` object
 * to every request as is, and the retry plugin writes its retry count into it: after one failed
 * request (even a 404, such as an absent repo config) every later request of the client started
 * with that count, so its first retry of a server error waited 4 s or more instead of 1 s.
 */
function ownRequestOptions(octokit: Pick<InstanceType<typeof ProbotOctokit>, 'hook'>): void {
  octokit.hook.wrap('request', (request, options) => {
    options.request = { ...options.request };
    return request(options);
  });
}

const retryAfter = (kind: string) => (seconds: number, request: ThrottleRequest, octokit: { log: Log }): boolean => {
  const retry = seconds <= MAX_RATE_LIMIT_WAIT_S && request.request.retryCount < 2;
  octokit.log.warn(`${kind} for ${request.method} ${request.url}; ${retry ? `retrying in ${seconds} s` : 'giving up'}`);
  return retry;
};

/**
 * Probot's Octokit with retry and throttling kept on and sized here: server errors and network
 * failures are retried 3 times with back-off; primary and secondary rate limits wait when GitHub
 * says for how long, up to 2 minutes, at most twice per request; content creation keeps to
 * GitHub's limits through `contentLimiter`, shared by every replica when it lives in Redis.
 */
export function createAppOctokit(contentLimiter: ContentLimiter): typeof ProbotOctokit {
  return ProbotOctokit.plugin(contentLimit, ownRequestOptions).defaults((options: Record<string, unknown>) => ({
    ...options,
    contentLimiter,
    retry: { ...(options.retry as object), enabled: true, retries: RETRIES, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
    throttle: {
      ...(options.throttle as object),
      enabled: true,
      write: NO_WAIT,
      notifications: NO_WAIT,
      onRateLimit: retryAfter('rate limit reached'),
      onSecondaryRateLimit: retryAfter('secondary rate limit'),
    },
  })) as unknown as typeof ProbotOctokit;
}
