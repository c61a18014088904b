import type { GitHubSimulator } from '../github-simulator/github-simulator.js';
import type { RecordedRequest } from '../github-simulator/record.js';

/** The installation token request (Probot caches the token, so an installation's first evaluation asks once). */
export const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';
/** Who the app is, asked once after the start. */
export const APP_ROUTE = 'GET /app';
/** An artifact's zip on the blob host, behind the 302 of the download route. */
export const BLOB_ROUTE = 'GET /_blob/artifacts/{id}';

/**
 * The requests the app made, in order: with its JWT (who it is, tokens), with an installation's
 * token, and the blob downloads it was redirected to. What a test did as a person (a comment, a
 * review) is left out.
 */
export function appRequests(sim: GitHubSimulator): RecordedRequest[] {
  return sim.requests.filter((r) => r.installationId !== undefined || r.route === TOKEN_ROUTE || r.route === APP_ROUTE || r.route === BLOB_ROUTE);
}

/** The app's API requests by route template, without the token request and the blob downloads (GraphQL is `POST /graphql`). */
export function apiCounts(sim: GitHubSimulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of appRequests(sim)) {
    if (r.route === TOKEN_ROUTE || r.route === BLOB_ROUTE) continue;
    counts[r.route] = (counts[r.route] ?? 0) + 1;
  }
  return counts;
}

/** The app's requests as one line each (`GET /repos/{owner}/{repo}/pulls/{pull_number}/files 200`), to say exactly what it did. */
export function describeRequests(requests: RecordedRequest[]): string {
  return requests.map((r) => `  #${r.seq} ${r.route} ${r.status}${r.fault ? ` (fault: ${r.fault})` : ''}`).join('\n');
}

/** The REST and GraphQL requests of an evaluation, apart: what the request budget counts. */
export function budgetOf(sim: GitHubSimulator): { rest: RecordedRequest[]; graphql: RecordedRequest[]; downloads: RecordedRequest[] } {
  const api = appRequests(sim).filter((r) => r.route !== TOKEN_ROUTE && r.route !== BLOB_ROUTE && r.route !== APP_ROUTE);
  return {
    rest: api.filter((r) => r.route !== 'POST /graphql'),
    graphql: api.filter((r) => r.route === 'POST /graphql'),
    downloads: api.filter((r) => r.route === 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'),
  };
}
