import { issueInstallationToken } from '../auth.js';
import { DOCS_URL, HttpError, notFound } from '../http-error.js';
import type { RequestBody, ResponseBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { intParam, json, type RouteDefinition } from '../route-context.js';
import { installation, installationToken, integration } from '../shapes/app.js';
import { repository } from '../shapes/repository.js';

/**
 * The app's own routes (JWT) and the installation's repository list: how Probot finds out who it is,
 * where it is installed, and gets the tokens every other request uses.
 */
export const appRoutes: RouteDefinition[] = [
  {
    route: 'GET /app',
    auth: 'app',
    handle: (ctx) => json(200, integration(ctx.state.app, ctx.urls)),
  },
  {
    route: 'GET /app/installations',
    auth: 'app',
    handle: (ctx) => {
      const page = paginate([...ctx.state.installations.values()], ctx.requestUrl);
      return json(200, page.items.map((i) => installation(ctx.state.app, i, ctx.urls)), page.headers);
    },
  },
  {
    route: 'GET /app/installations/{installation_id}',
    auth: 'app',
    handle: (ctx) => {
      const found = ctx.state.installations.get(intParam(ctx, 'installation_id'));
      if (!found) throw notFound();
      return json(200, installation(ctx.state.app, found, ctx.urls));
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/installation',
    auth: 'app',
    handle: (ctx) => {
      const found = ctx.state.installationOf(ctx.repo());
      if (!found) throw notFound();
      return json(200, installation(ctx.state.app, found, ctx.urls));
    },
  },
  {
    route: 'POST /app/installations/{installation_id}/access_tokens',
    auth: 'app',
    handle: (ctx) => {
      const found = ctx.state.installations.get(intParam(ctx, 'installation_id'));
      if (!found) throw notFound();
      const request = (ctx.body ?? {}) as Partial<RequestBody<'apps/create-installation-access-token'>>;
      const reachable = ctx.state.repositoriesOf(found);
      const byId = (request.repository_ids ?? []).map((id) => reachable.find((r) => r.id === id)?.name ?? `#${id}`);
      const names = [...(request.repositories ?? []), ...byId];
      const unknown = names.filter((n) => !reachable.some((r) => r.name.toLowerCase() === n.toLowerCase()));
      if (unknown.length > 0) throw new HttpError(422, { message: 'There is at least one repository that does not exist or is not accessible to the parent installation.', documentation_url: DOCS_URL });
      const rank = (level: string | undefined): number => ['read', 'write', 'admin'].indexOf(level ?? '') + 1;
      const granted = found.permissions as Record<string, string | undefined>;
      if (Object.entries(request.permissions ?? {}).some(([name, level]) => rank(level) > rank(granted[name]))) {
        throw new HttpError(422, { message: 'The permissions requested are not granted to this installation.', documentation_url: DOCS_URL });
      }
      const token = issueInstallationToken(ctx.state, found, { ...(names.length > 0 ? { repositories: names } : {}), ...(request.permissions ? { permissions: request.permissions } : {}) });
      return json(201, installationToken(found, token));
    },
  },
  {
    route: 'GET /installation/repositories',
    auth: 'token',
    handle: (ctx) => {
      if (ctx.principal.kind !== 'installation') throw new HttpError(403, { message: 'You must authenticate with an installation access token in order to list repositories for an installation.', documentation_url: DOCS_URL });
      const { installation: inst, token } = ctx.principal;
      const repos = ctx.state.repositoriesOf(inst).filter((r) => !token.repositories || token.repositories.has(r.fullName.toLowerCase()));
      const page = paginate(repos, ctx.requestUrl);
      const body: ResponseBody<'apps/list-repos-accessible-to-installation'> = {
        total_count: page.total,
        repositories: page.items.map((r) => repository(r, ctx.urls)),
        repository_selection: token.repositories ? 'selected' : inst.selection,
      };
      return json(200, body, page.headers);
    },
  },
];
