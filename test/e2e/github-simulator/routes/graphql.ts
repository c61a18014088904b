import { canSee } from '../auth.js';
import { runGraphQL } from '../graphql.js';
import { json, type RouteDefinition } from '../route-context.js';

/**
 * GitHub's GraphQL endpoint (`/graphql`, or `/api/graphql` on GitHub Enterprise Server): the query is
 * validated against GitHub's real schema and resolved over the same state the REST routes change.
 */
export const graphqlRoutes: RouteDefinition[] = [
  {
    route: 'POST /graphql',
    auth: 'token',
    resource: 'graphql',
    handle: (ctx) => {
      const request = ctx.body && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {};
      return json(200, runGraphQL(request, { state: ctx.state, urls: ctx.urls, canSee: (repo) => canSee(ctx.state, ctx.principal, repo), rateLimit: ctx.rateLimit }));
    },
  },
];
