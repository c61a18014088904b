import type { SimApp, SimInstallation, SimToken } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, type Urls } from '../urls.js';
import { simpleUser } from './user.js';

/** The app as `GET /app` describes it and as `performed_via_github_app` embeds it. */
export function integration(app: SimApp, urls: Urls): NonNullable<Schema<'integration'>> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
    owner: simpleUser(app.owner, urls),
    name: app.name,
    description: 'Evidence-gated delivery',
    external_url: urls.web,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: { ...app.permissions },
    events: app.events,
  };
}

/** An installation as `GET /app/installations` lists it. */
export function installation(app: SimApp, inst: SimInstallation, urls: Urls): Schema<'installation'> {
  return {
    id: inst.id,
    account: simpleUser(inst.account, urls),
    repository_selection: inst.selection,
    access_tokens_url: `${urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/${inst.account.type === 'Organization' ? `organizations/${inst.account.login}/` : ''}settings/installations/${inst.id}`,
    app_id: app.id,
    target_id: inst.account.id,
    target_type: inst.account.type,
    permissions: inst.permissions,
    events: inst.events,
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    app_slug: app.slug,
    suspended_by: null,
    suspended_at: null,
  };
}

/** A new installation access token (`POST /app/installations/{installation_id}/access_tokens`). */
export function installationToken(inst: SimInstallation, token: SimToken): Schema<'installation-token'> {
  return {
    token: token.token,
    expires_at: token.expiresAt,
    permissions: token.permissions,
    repository_selection: token.repositories ? 'selected' : inst.selection,
  };
}
