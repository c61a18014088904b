import type { GitHub } from './github.js';

interface Route {
  template: string;
  regex: RegExp;
  literals: number;
}

let routes: Map<string, Route[]> | undefined;

/** Every REST route Octokit knows, by method, most specific first (from the client's own endpoint table). */
function knownRoutes(octokit: GitHub): Map<string, Route[]> {
  if (routes) return routes;
  const byMethod = new Map<string, Route[]>();
  for (const namespace of Object.values(octokit.rest as unknown as Record<string, Record<string, { endpoint?: { DEFAULTS?: { method: string; url: string } } }>>)) {
    for (const method of Object.values(namespace)) {
      const defaults = method.endpoint?.DEFAULTS;
      if (!defaults) continue;
      const parts = defaults.url.split('/');
      const pattern = parts.map((p) => (/^\{\+?[a-z_]+\}$/.test(p) ? (p.startsWith('{+') ? '.+' : '[^/]+') : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      const list = byMethod.get(defaults.method) ?? [];
      list.push({ template: defaults.url, regex: new RegExp(`^${pattern}$`), literals: parts.filter((p) => p && !p.startsWith('{')).length });
      byMethod.set(defaults.method, list);
    }
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.literals - a.literals);
  routes = byMethod;
  return byMethod;
}

/**
 * The route template of a request, such as `/repos/{owner}/{repo}/pulls/{pull_number}/files`, for
 * metric labels: never a URL with ids (the next pages of a listing arrive as full URLs). A path no
 * known route matches is `other`, so label values stay few whatever GitHub links to.
 */
export function routeTemplate(octokit: GitHub, method: string, url: string): string {
  if (url.includes('{')) return url.split('?')[0]!;
  const base = new URL(String(octokit.request.endpoint.DEFAULTS.baseUrl)).pathname.replace(/\/$/, '');
  let path = new URL(url, 'http://github.invalid').pathname;
  if (base && path.startsWith(`${base}/`)) path = path.slice(base.length);
  if (path === '/graphql' || path === '/api/graphql') return '/graphql';
  return knownRoutes(octokit).get(method.toUpperCase())?.find((r) => r.regex.test(path))?.template ?? 'other';
}
