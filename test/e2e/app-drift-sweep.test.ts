import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { detectDrift } from '../../core/drift/detect-drift.js';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { apiCounts, appRequests } from './helpers/app-requests.js';
import { deliver } from './helpers/deliver.js';
import { githubRouteLabels, isRouteTemplate } from './helpers/metrics.js';
import { e2eNodes } from './helpers/node-binary.js';
import { driftDispatchEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { privateKey } from '../helpers/private-key.js';
import { APP_ID, BOT, SECRET, startWorld } from './helpers/world.js';

const fixtures = resolve(fileURLToPath(import.meta.url), '../../fixtures/drift');

/** The workflow files of a fixture repository (test/fixtures/drift/<name>), by path. */
function workflowsOf(name: string): Record<string, string> {
  const dir = join(fixtures, name, '.github/workflows');
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => [`.github/workflows/${f}`, readFileSync(join(dir, f), 'utf8')]));
}

/** An organisation with the app installed: its `.github` repository follows the CI template, `api` has drifted from it. */
const ORG = 'acme';
const DISPATCHER = 'ops-lead';

describe.each(e2eNodes())('the built app on $name: a dispatched drift sweep', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });

  beforeAll(async () => {
    sim = await startWorld({
      repositories: [
        { owner: ORG, ownerType: 'Organization', name: '.github', files: { 'README.md': 'acme\n', ...workflowsOf('template') }, collaborators: { [DISPATCHER]: 'admin', developer: 'write' } },
        { owner: ORG, ownerType: 'Organization', name: 'api', files: { 'README.md': '# api\n', ...workflowsOf('drifted') } },
      ],
      installations: [{ id: 7, account: ORG, accountType: 'Organization' }],
    });
    // Sweeps only when dispatched (no DRIFT_SWEEP_INTERVAL); the template is a checkout folder, read at start.
    // The fix pull request is written by the drift-fix App (DRIFT_APP_ID); the simulator knows one App, so it plays both.
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET, env: { DRIFT_TEMPLATE: join(fixtures, 'template'), DRIFT_TEMPLATE_SOURCE: 'acme/ci-templates@v2.1.0', DRIFT_APP_ID: String(APP_ID), DRIFT_PRIVATE_KEY: privateKey } });
    await waitFor('the app to learn who it is (GET /app)', () => sim.requests.some((r) => r.route === 'GET /app' && r.status === 200), context());
    sim.clearRequests();
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  afterEach(() => sim.assertNoUnknownRoutes());

  it('an admin of the account\'s .github repository dispatches a sweep: one fix pull request on the drifted repository, built with git data requests', async () => {
    const api = sim.refs(`${ORG}/api`)['refs/heads/main']!;
    const answer = await deliver(app.url, SECRET, 'repository_dispatch', driftDispatchEvent(sim, `${ORG}/.github`, DISPATCHER));
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    const pull = await waitFor('the fix pull request', () => sim.pulls(`${ORG}/api`)[0], context());
    await waitFor('the end of the sweep', () => app.logs().some((l) => l.msg === 'drift sweep of the installation done'), context());

    expect(pull).toMatchObject({ title: 'Restore the CI template', state: 'open', user: { login: BOT }, pull: { head: { ref: 'maestro/ci-template' }, base: { ref: 'main', sha: api } } });
    expect(pull.body).toContain('<!-- maestro-conductor:drift-fix -->');
    expect(pull.body).toContain('acme/ci-templates@v2.1.0');
    // The fix branch is one commit on main whose workflows follow the template again; main is untouched.
    const fix = sim.commit(`${ORG}/api`, 'maestro/ci-template')!;
    expect(fix.parents).toEqual([api]);
    expect(sim.refs(`${ORG}/api`)['refs/heads/main']).toBe(api);
    const fixed = Object.entries(sim.files(`${ORG}/api`, 'maestro/ci-template')).filter(([p]) => p.startsWith('.github/workflows/')).map(([p, text]) => ({ path: p, text }));
    const template = Object.entries(workflowsOf('template')).map(([p, text]) => ({ path: p, text }));
    expect(detectDrift({ template, repo: fixed, templateSource: 'acme/ci-templates@v2.1.0' }).status).toBe('clean');
    // The repository that follows the template gets nothing.
    expect(sim.pulls(`${ORG}/.github`)).toEqual([]);
    expect(Object.keys(sim.refs(`${ORG}/.github`))).toEqual(['refs/heads/main']);

    // One request to check the sender, one REST page of repositories, one GraphQL query for both
    // repositories' workflows, then tree, commit, branch and pull request for the drifted one.
    expect(apiCounts(sim)).toEqual({
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission': 1,
      'GET /installation/repositories': 1,
      'POST /graphql': 1,
      'POST /repos/{owner}/{repo}/git/trees': 1,
      'POST /repos/{owner}/{repo}/git/commits': 1,
      'POST /repos/{owner}/{repo}/git/refs': 1,
      'POST /repos/{owner}/{repo}/pulls': 1,
    });
    const writes = appRequests(sim).filter((r) => r.method === 'POST' && r.route !== 'POST /graphql' && !r.route.includes('access_tokens'));
    expect(writes.map((r) => `${r.route} ${r.path.replace(/^\/api\/v3/, '')}`)).toEqual([
      `POST /repos/{owner}/{repo}/git/trees /repos/${ORG}/api/git/trees`,
      `POST /repos/{owner}/{repo}/git/commits /repos/${ORG}/api/git/commits`,
      `POST /repos/{owner}/{repo}/git/refs /repos/${ORG}/api/git/refs`,
      `POST /repos/{owner}/{repo}/pulls /repos/${ORG}/api/pulls`,
    ]);
    expect(writes[2]!.body).toEqual({ ref: 'refs/heads/maestro/ci-template', sha: fix.sha });
    const { text } = await app.get('/metrics');
    expect(text).toMatch(/^maestro_drift_dispatches_total\{outcome="started",reason=""\} 1$/m);
    expect(text).toMatch(/^maestro_drift_repositories_total\{status="drift",action="open",dry_run="false"\} 1$/m);
    // GraphQL and git data requests are counted by template too.
    expect(githubRouteLabels(text).filter((r) => !isRouteTemplate(r))).toEqual([]);
    expect(githubRouteLabels(text)).toEqual(expect.arrayContaining(['/graphql', '/repos/{owner}/{repo}/git/trees', '/repos/{owner}/{repo}/git/refs', '/repos/{owner}/{repo}/pulls']));
  });
});
