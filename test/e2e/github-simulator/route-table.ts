/** A path parameter that may span several segments when it is the last one (file paths, refs, `base...head`). */
const GREEDY = new Set(['path', 'ref', 'basehead']);

interface Compiled<D> {
  method: string;
  segments: string[];
  greedy: boolean;
  definition: D;
}

/** The route a request matched and its decoded parameters. */
export interface RouteMatch<D> {
  definition: D;
  params: Record<string, string>;
}

/**
 * Routes by Octokit template (`GET /repos/{owner}/{repo}/pulls/{pull_number}`): literal segments
 * win over parameters, so `issues/comments/{comment_id}` is never read as `issues/{issue_number}/...`.
 * Parameters are decoded after matching, so `contents/.github%2Fmaestro.yml` finds the file.
 */
export class RouteTable<D extends { route: string }> {
  readonly #routes: Array<Compiled<D>> = [];

  /** Adds routes; a template served twice is a mistake in the simulator. */
  add(...definitions: D[]): this {
    for (const definition of definitions) {
      const [method, template] = definition.route.split(' ') as [string, string];
      if (this.#routes.some((r) => r.definition.route === definition.route)) throw new Error(`route ${definition.route} is defined twice`);
      const segments = template.split('/').slice(1);
      const last = segments.at(-1) ?? '';
      this.#routes.push({ method, segments, greedy: GREEDY.has(last.slice(1, -1)) && last.startsWith('{'), definition });
    }
    return this;
  }

  /** Every route template served. */
  routes(): string[] {
    return this.#routes.map((r) => r.definition.route);
  }

  /** The route for a method and path (no API prefix, no query), or undefined: GitHub answers 404 either way. */
  match(method: string, path: string): RouteMatch<D> | undefined {
    const parts = path.split('/').slice(1);
    const candidates = this.#routes.flatMap((route) => {
      if (route.method !== method) return [];
      const params = matchSegments(route, parts);
      return params ? [{ route, params }] : [];
    });
    candidates.sort((a, b) => specificity(b.route) - specificity(a.route));
    const best = candidates[0];
    return best ? { definition: best.route.definition, params: best.params } : undefined;
  }
}

function matchSegments<D>(route: Compiled<D>, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const fixed = route.greedy ? route.segments.length - 1 : route.segments.length;
  if (route.greedy ? parts.length < fixed : parts.length !== fixed) return undefined;
  for (let i = 0; i < fixed; i++) {
    const pattern = route.segments[i] as string;
    const part = parts[i] as string;
    if (pattern.startsWith('{')) {
      if (part === '') return undefined;
      params[pattern.slice(1, -1)] = decode(part);
    } else if (pattern !== part) return undefined;
  }
  if (route.greedy) params[(route.segments.at(-1) as string).slice(1, -1)] = parts.slice(fixed).map(decode).join('/');
  return params;
}

/** Literal segments first, earliest first: a bit per segment, most significant for the first. */
function specificity<D>(route: Compiled<D>): number {
  return route.segments.reduce((score, s, i) => score + (s.startsWith('{') ? 0 : 2 ** (20 - i)), route.greedy ? 0 : 1);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
