import type { SimAccount } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, segment, type Urls } from '../urls.js';

/** An account as GitHub embeds it everywhere (`simple-user`). */
export function simpleUser(account: SimAccount, urls: Urls): Schema<'simple-user'> {
  const api = `${urls.api}/users/${segment(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === 'Organization' ? 'Organization' : account.type === 'Bot' ? 'Bot' : 'User', account.id),
    avatar_url: `${urls.web}/avatars/u/${account.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: account.type === 'Bot' ? `${urls.web}/apps/${segment(account.login.replace(/\[bot\]$/, ''))}` : `${urls.web}/${segment(account.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: false,
  };
}
