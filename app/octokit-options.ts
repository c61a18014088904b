import { ProbotOctokit } from 'probot';

/** Retries and rate-limit handling of every GitHub request the app makes in production. */
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

/**
 * Probot's Octokit with retry and throttling kept on and sized here: server errors and network
 * failures are retried 3 times with back-off; primary and secondary rate limits wait when GitHub
 * says for how long, up to 2 minutes, at most twice per request.
 */
export const AppOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: true, retries: RETRIES, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
  throttle: {
    ...(options.throttle as object),
    enabled: true,
    onRateLimit: (retryAfter: number, request: ThrottleRequest, octokit: { log: Log }) => {
      octokit.log.warn(`rate limit reached for ${request.method} ${request.url}; ${retryAfter <= MAX_RATE_LIMIT_WAIT_S && request.request.retryCount < 2 ? `retrying in ${retryAfter} s` : 'giving up'}`);
      return retryAfter <= MAX_RATE_LIMIT_WAIT_S && request.request.retryCount < 2;
    },
    onSecondaryRateLimit: (retryAfter: number, request: ThrottleRequest, octokit: { log: Log }) => {
      octokit.log.warn(`secondary rate limit for ${request.method} ${request.url}; ${retryAfter <= MAX_RATE_LIMIT_WAIT_S && request.request.retryCount < 2 ? `retrying in ${retryAfter} s` : 'giving up'}`);
      return retryAfter <= MAX_RATE_LIMIT_WAIT_S && request.request.retryCount < 2;
    },
  },
}));
