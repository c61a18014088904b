import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { DriftFixApp, type DriftFixer } from '../../../app/drift/drift-fix-app.js';
import type { GitHub } from '../../../adapters/github/github.js';
import { privateKey } from '../../helpers/private-key.js';

const API = 'https://api.github.com';
/** The drift-fix App's id, installation and token in these tests (the main App is 2, its token ghs_...). */
export const FIX_APP_ID = 9;
export const FIX_INSTALLATION = 99;
export const FIX_TOKEN = 'ghs_drift_fix';

/** Probot's Octokit with retries and throttling off, as the test App has it. */
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { ...(options.throttle as object), enabled: false } }));

/** The real drift-fix App client, authenticated with its own key. */
export function driftFixApp(): DriftFixApp {
  return new DriftFixApp({ appId: FIX_APP_ID, privateKey, Octokit: TestOctokit });
}

/** A drift-fix App that is installed everywhere and hands out a client with its token, without the JWT round trip. */
export function fakeFixer(): DriftFixer & { asked: string[] } {
  const asked: string[] = [];
  const client = new ProbotOctokit({ auth: { token: FIX_TOKEN }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } }) as unknown as GitHub;
  return { appId: FIX_APP_ID, asked, forRepo: async (owner, repo) => (asked.push(`${owner}/${repo}`), client) };
}

/** GitHub finding the drift-fix App's installation on owner/repo (JWT) and issuing its token. */
export function fixAppInstallation(owner: string, repo: string, selection: 'all' | 'selected' = 'all'): nock.Scope {
  return nock(API)
    .get(`/repos/${owner}/${repo}/installation`)
    .reply(200, { id: FIX_INSTALLATION, app_id: FIX_APP_ID, account: { login: owner }, repository_selection: selection, permissions: { contents: 'write', pull_requests: 'write', workflows: 'write', metadata: 'read' } })
    .post(`/app/installations/${FIX_INSTALLATION}/access_tokens`)
    .reply(201, { token: FIX_TOKEN, expires_at: '2099-01-01T00:00:00Z', permissions: {} });
}

/** Interceptors that answer only requests made with the drift-fix App's token: a write with the main App's token finds none. */
export function asFixApp(): nock.Scope {
  return nock(API, { reqheaders: { authorization: `token ${FIX_TOKEN}` } });
}
