import type { GitHub } from './github.js';

/**
 * The web address of the GitHub a client talks to, for links people open: https://github.com for
 * api.github.com, the server itself for GitHub Enterprise Server (`https://host/api/v3`).
 */
export function webUrlOf(octokit: Pick<GitHub, 'request'>): string {
  const api = new URL(String(octokit.request.endpoint.DEFAULTS.baseUrl));
  return api.hostname === 'api.github.com' ? 'https://github.com' : `${api.protocol}//${api.host}`;
}
