/** The value of a sample of the app's /metrics text (`name{labels} value`), 0 when there is none. */
export function sampleOf(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** The `route` labels of `maestro_github_requests_total`, each once. */
export function githubRouteLabels(text: string): string[] {
  return [...new Set([...text.matchAll(/^maestro_github_requests_total\{[^}]*route="([^"]*)"/gm)].map((m) => m[1]!))];
}

/**
 * Whether a route label is a template (`/repos/{owner}/{repo}/pulls/{pull_number}/files`): lower-case
 * literal segments and `{parameters}` only, so no URL, host, query, number or sha ever becomes a
 * label value (and `other`, for a path no known route matches, is not one either).
 */
export function isRouteTemplate(route: string): boolean {
  return /^(\/([a-z_-]+|\{[a-z_]+\}))+$/.test(route);
}
