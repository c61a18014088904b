import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fetchRepoWorkflows } from '../../app/drift/fetch-repo-workflows.js';
import { upsertFixPullRequest } from '../../app/drift/upsert-fix-pull-request.js';
import type { GitHub } from '../../adapters/github/github.js';
import { wallClock } from '../helpers/clock.js';
import { privateKey } from '../helpers/private-key.js';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { zipFiles } from './github-simulator/seed.js';
import type { Seed } from './github-simulator/seed-types.js';
import { startGitHubSimulator } from './github-simulator/start-github-simulator.js';
import { actionsClient, probotClient, type ProbotClient } from './github-simulator/test-clients.js';

const APP_ID = 2;
const REPO = { owner: 'Codertocat', repo: 'Hello-World' };
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const seed = JSON.parse(readFileSync(new URL('./github-simulator/default-seed.json', import.meta.url), 'utf8')) as Seed;

let sim: GitHubSimulator;
let app: ProbotClient;
let installation: ProbotClient;

beforeAll(async () => {
  sim = await startGitHubSimulator({ appId: APP_ID, privateKeyPem: privateKey, seed });
  app = probotClient(sim, { appId: APP_ID, privateKey });
  installation = probotClient(sim, { appId: APP_ID, privateKey, installationId: 1 });
});
afterEach(() => {
  sim.clearFaults();
  sim.setReachable(true);
  sim.assertNoUnknownRoutes();
  sim.clearRequests();
});
afterAll(() => sim.close());

const statuses = (route: string): Array<number | string> => sim.requests.filter((r) => r.route === route).map((r) => r.status);

describe('the GitHub simulator', () => {
  describe('app authentication', () => {
    it('answers GET /app to a JWT signed with the app key', async () => {
      const { data } = await app.rest.apps.getAuthenticated();
      expect(data).toMatchObject({ id: APP_ID, slug: 'maestro-conductor' });
    });

    it('answers 401 to a JWT signed with another key', async () => {
      const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      await expect(probotClient(sim, { appId: APP_ID, privateKey: otherKey }).rest.apps.getAuthenticated()).rejects.toMatchObject({ status: 401 });
    });

    it('issues an installation token that reaches the installation repositories and nothing else', async () => {
      const { data } = await installation.rest.apps.listReposAccessibleToInstallation();
      expect(data.repositories.map((r) => r.full_name).sort()).toEqual(['Codertocat/.github', 'Codertocat/Hello-World']);
      await sim.addRepository({ owner: 'elsewhere', ownerType: 'Organization', name: 'private-stuff', private: true });
      await expect(installation.rest.pulls.list({ owner: 'elsewhere', repo: 'private-stuff' })).rejects.toMatchObject({ status: 404 });
      expect(sim.count('POST /app/installations/{installation_id}/access_tokens')).toBe(1);
    });

    it('lets Octokit correct its clock when GitHub reports a JWT from the future', async () => {
      const skewed = await startGitHubSimulator({ appId: APP_ID, privateKeyPem: privateKey, clock: () => new Date(wallClock().getTime() - 3_600_000) });
      try {
        await probotClient(skewed, { appId: APP_ID, privateKey }).rest.apps.getAuthenticated();
        expect(skewed.requests.map((r) => r.status)).toEqual([401, 200]);
      } finally {
        await skewed.close();
      }
    });
  });

  describe('pagination', () => {
    it('pages with per_page and Link headers that keep the /api/v3 prefix', async () => {
      for (let i = 1; i <= 5; i++) await installation.rest.issues.createComment({ ...REPO, issue_number: 1, body: `comment ${i}` });
      const first = await installation.rest.issues.listComments({ ...REPO, issue_number: 1, per_page: 2 });
      expect(first.data).toHaveLength(2);
      expect(first.headers.link).toContain(`<${sim.url}/api/v3/repos/Codertocat/Hello-World/issues/1/comments?per_page=2&page=2>; rel="next"`);
      expect(first.headers.link).toContain('page=3>; rel="last"');
      const all = await installation.paginate(installation.rest.issues.listComments, { ...REPO, issue_number: 1, per_page: 2 });
      expect(all.map((c) => c.body)).toEqual(['comment 1', 'comment 2', 'comment 3', 'comment 4', 'comment 5']);
      expect(sim.count('GET /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(4);
    });
  });

  describe('repository contents', () => {
    it('answers a read that names the last ETag with 304', async () => {
      const first = await installation.rest.repos.getContent({ ...REPO, path: '.github/maestro.yml' });
      expect(Buffer.from((first.data as { content: string }).content, 'base64').toString()).toContain('checkName');
      await expect(installation.rest.repos.getContent({ ...REPO, path: '.github/maestro.yml', headers: { 'if-none-match': String(first.headers.etag) } })).rejects.toMatchObject({ status: 304 });
      expect(sim.requests.at(-1)).toMatchObject({ status: 304, installationId: 1 });
    });

    it('serves the raw file Probot reads the repo config from', async () => {
      const { config } = await installation.config.get({ ...REPO, path: '.github/maestro.yml' });
      expect(config).toMatchObject({ version: 1, checkName: 'Enforce GA Gates Evidence' });
    });
  });

  describe('one commit by ref', () => {
    const route = 'GET /repos/{owner}/{repo}/commits/{ref}';

    it('answers the commit with its files changed against its first parent', async () => {
      const { data } = await installation.rest.repos.getCommit({ ...REPO, ref: HEAD });
      expect(data).toMatchObject({ sha: HEAD, commit: { message: 'Update the README with new information.' }, stats: { additions: 1, deletions: 1, total: 2 } });
      expect(data.files?.map((f) => [f.filename, f.status])).toEqual([['README.md', 'modified']]);
      expect(data.parents).toHaveLength(1);
    });

    it('answers the sha media type with the sha alone, its ETag the quoted sha, and 304 until the branch moves', async () => {
      const first = sim.addCommit('Codertocat/Hello-World', { branch: 'commits-by-ref', files: { 'a.txt': 'a\n' } });
      const read = (etag?: string) => installation.request(route, { ...REPO, ref: 'commits-by-ref', mediaType: { format: 'sha' }, ...(etag ? { headers: { 'if-none-match': etag } } : {}) });
      const answer = await read();
      expect(String(answer.data).trim()).toBe(first.sha);
      expect(answer.headers.etag).toBe(`"${first.sha}"`);
      expect(answer.headers['x-github-media-type']).toBe('github.v3; param=sha');
      const unchanged = await read(`"${first.sha}"`).then(() => undefined, (error: { status: number; response: { headers: Record<string, string> } }) => error);
      expect(unchanged?.status).toBe(304);
      const second = sim.addCommit('Codertocat/Hello-World', { branch: 'commits-by-ref', files: { 'a.txt': 'b\n' } });
      const moved = await read(`"${first.sha}"`);
      expect(String(moved.data).trim()).toBe(second.sha);
      expect(statuses(route)).toEqual([200, 304, 200]);
      // A 304 costs no rate limit: it reports what the 200 before left, the next 200 one less.
      const left = Number(answer.headers['x-ratelimit-remaining']);
      expect([Number(unchanged?.response.headers['x-ratelimit-remaining']), Number(moved.headers['x-ratelimit-remaining'])]).toEqual([left, left - 1]);
    });

    it('resolves HEAD to the default branch', async () => {
      const { data } = await installation.request(route, { ...REPO, ref: 'HEAD', mediaType: { format: 'sha' } });
      expect(String(data).trim()).toBe(sim.refs('Codertocat/Hello-World')['refs/heads/master']);
    });

    it('answers an unknown ref with GitHub\'s 422 and an unknown repository with 404', async () => {
      await expect(installation.rest.repos.getCommit({ ...REPO, ref: 'no-such-branch' })).rejects.toMatchObject({ status: 422, response: { data: { message: 'No commit found for SHA: no-such-branch' } } });
      await expect(installation.rest.repos.getCommit({ owner: 'Codertocat', repo: 'no-such-repo', ref: 'HEAD' })).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('artifacts', () => {
    it('redirects a download to a signed blob URL that serves the uploaded zip', async () => {
      const zip = await zipFiles({ 'report.json': '{"ok":true}' });
      const artifact = await sim.addArtifact('Codertocat/Hello-World', 30433642, { name: 'maestro-evidence-drift', zip });
      const { data: list } = await installation.rest.actions.listArtifactsForRepo({ ...REPO, name: 'maestro-evidence-drift' });
      expect(list.artifacts.map((a) => [a.id, a.size_in_bytes])).toEqual([[artifact.id, zip.length]]);
      const response = await installation.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', { ...REPO, artifact_id: artifact.id, archive_format: 'zip' });
      expect(Buffer.from(response.data as ArrayBuffer).equals(zip)).toBe(true);
      expect(statuses('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}')).toEqual([302]);
      expect(statuses('GET /_blob/artifacts/{id}')).toEqual([200]);
    });
  });

  describe('check runs', () => {
    it('creates, updates and lists a check run by name and app id, keeping every update', async () => {
      const annotation = { path: 'README.md', start_line: 1, end_line: 1, annotation_level: 'warning' as const, message: 'check this' };
      const { data: created } = await installation.rest.checks.create({ ...REPO, name: 'Maestro gates', head_sha: HEAD, status: 'in_progress', output: { title: 'Evaluating', summary: 'Reading evidence' } });
      await installation.rest.checks.update({ ...REPO, check_run_id: created.id, conclusion: 'failure', output: { title: '1 gate failed', summary: 'tests', annotations: [annotation] } });
      await installation.rest.checks.update({ ...REPO, check_run_id: created.id, output: { title: '1 gate failed', summary: 'tests', annotations: [annotation, annotation] } });
      const { data } = await installation.rest.checks.listForRef({ ...REPO, ref: HEAD, check_name: 'Maestro gates', app_id: APP_ID, filter: 'latest' });
      expect(data.check_runs).toHaveLength(1);
      expect(data.check_runs[0]).toMatchObject({ id: created.id, status: 'completed', conclusion: 'failure', output: { title: '1 gate failed', annotations_count: 3 }, app: { id: APP_ID } });
      expect(sim.checkRuns('Codertocat/Hello-World', HEAD)[0]?.history.map((h) => h.kind)).toEqual(['create', 'update', 'update']);
      const { data: other } = await installation.rest.checks.listForRef({ ...REPO, ref: HEAD, app_id: 15368 });
      expect(other.total_count).toBe(0);
    });

    it('refuses an output longer than GitHub allows, in GitHub words', async () => {
      const tooLong = installation.rest.checks.create({ ...REPO, name: 'x', head_sha: HEAD, output: { title: 't', summary: 'x'.repeat(65536) } });
      await expect(tooLong).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Only 65535 characters are allowed; 65536 were supplied.') });
    });
  });

  describe('comments and reactions', () => {
    it('edits a comment and keeps one reaction per person and content', async () => {
      const { data: comment } = await installation.rest.issues.createComment({ ...REPO, issue_number: 2, body: 'first' });
      await installation.rest.issues.updateComment({ ...REPO, comment_id: comment.id, body: 'edited' });
      const first = await installation.rest.reactions.createForIssueComment({ ...REPO, comment_id: comment.id, content: '+1' });
      const again = await installation.rest.reactions.createForIssueComment({ ...REPO, comment_id: comment.id, content: '+1' });
      expect([first.status, again.status, again.data.id]).toEqual([201, 200, first.data.id]);
      expect(sim.comments('Codertocat/Hello-World', 2).map((c) => [c.body, c.user.login])).toEqual([['edited', 'maestro-conductor[bot]']]);
      expect(sim.reactions('Codertocat/Hello-World', comment.id).map((r) => r.content)).toEqual(['+1']);
    });
  });

  describe('GraphQL', () => {
    it('answers the drift sweep query from the state the git and pull request routes changed', async () => {
      const octokit = installation as unknown as GitHub;
      const repos = [{ owner: 'Codertocat', name: 'Hello-World' }];
      const [before] = await fetchRepoWorkflows(octokit, repos, 'maestro/drift-fix');
      expect(before?.files.map((f) => f.path)).toEqual(['.github/workflows/ci.yml']);
      expect(before?.fixBranch).toBeUndefined();
      const fixed = [{ path: '.github/workflows/ci.yml', text: 'name: CI fixed\n' }];
      const text = { title: 'Fix drift', body: 'The template changed.', commitMessage: 'Fix drift', closingComment: 'Gone.' };
      const outcome = await upsertFixPullRequest(octokit, before!, 'open', fixed, 'maestro/drift-fix', text);
      const [after] = await fetchRepoWorkflows(octokit, repos, 'maestro/drift-fix');
      expect(after?.fixBranch).toMatchObject({ parent: before?.defaultBranch?.sha, pull: { url: outcome.pullUrl, body: 'The template changed.' } });
      expect(sim.readFile('Codertocat/Hello-World', 'maestro/drift-fix', '.github/workflows/ci.yml')).toBe('name: CI fixed\n');
      expect(statuses('POST /graphql')).toEqual([200, 200]);
    });

    it('answers a field GitHub does not have with GraphQL errors', async () => {
      const query = installation.graphql('query { repository(owner: "Codertocat", name: "Hello-World") { nameWithOwner bogusField } }');
      await expect(query).rejects.toMatchObject({ errors: [expect.objectContaining({ message: "Field 'bogusField' doesn't exist on type 'Repository'" })] });
      expect(statuses('POST /graphql')).toEqual([200]);
    });
  });

  describe('faults', () => {
    it('answers a 5xx that a retrying client gets past', async () => {
      sim.fault({ route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}', kind: '5xx', status: 502 });
      const client = probotClient(sim, { appId: APP_ID, privateKey, installationId: 1 }, { retry: { enabled: true, retryAfterBaseValue: 10 } });
      await client.rest.pulls.get({ ...REPO, pull_number: 2 });
      expect(statuses('GET /repos/{owner}/{repo}/pulls/{pull_number}')).toEqual([502, 200]);
    });

    it('answers a secondary rate limit with retry-after, which the throttled client waits out', async () => {
      sim.fault({ route: 'POST /repos/{owner}/{repo}/check-runs', kind: 'secondary-rate-limit', retryAfter: 1 });
      const waits: number[] = [];
      const throttle = { enabled: true, onSecondaryRateLimit: (after: number) => waits.push(after) > 0, onRateLimit: () => false };
      const client = probotClient(sim, { appId: APP_ID, privateKey, installationId: 1 }, { throttle });
      const started = performance.now();
      await client.rest.checks.create({ ...REPO, name: 'throttled', head_sha: HEAD });
      expect(waits).toEqual([1]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
      expect(statuses('POST /repos/{owner}/{repo}/check-runs')).toEqual([403, 201]);
    });

    it('answers a primary rate limit with x-ratelimit-remaining 0', async () => {
      sim.fault({ route: 'GET /repos/{owner}/{repo}/issues/{issue_number}', kind: 'primary-rate-limit', status: 429, resetAfter: 30 });
      await expect(installation.rest.issues.get({ ...REPO, issue_number: 1 })).rejects.toMatchObject({ status: 429, response: { headers: { 'x-ratelimit-remaining': '0' } } });
    });

    it('answers slowly, so a client with a shorter timeout gives up', async () => {
      sim.fault({ route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}', kind: 'slow', delayMs: 300, times: 2 });
      const started = performance.now();
      await installation.rest.pulls.get({ ...REPO, pull_number: 2 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      await expect(installation.rest.pulls.get({ ...REPO, pull_number: 2, request: { signal: AbortSignal.timeout(100) } })).rejects.toThrow();
    });

    it('drops the connection without an answer', async () => {
      sim.fault({ route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', kind: 'drop' });
      await expect(installation.rest.pulls.listFiles({ ...REPO, pull_number: 2 })).rejects.toMatchObject({ status: 500 });
      expect(statuses('GET /repos/{owner}/{repo}/pulls/{pull_number}/files')).toEqual(['dropped']);
    });

    it('plays unreachable: requests are dropped, or hang until it is reachable again', async () => {
      const client = actionsClient(sim, sim.createInstallationToken(1));
      sim.setReachable(false);
      await expect(client.rest.pulls.get({ ...REPO, pull_number: 2 })).rejects.toThrow();
      sim.setReachable(false, 'hang');
      await expect(client.rest.pulls.get({ ...REPO, pull_number: 2, request: { signal: AbortSignal.timeout(200) } })).rejects.toThrow();
      expect(sim.requests.map((r) => r.status)).toEqual(['dropped', 'hung']);
    });
  });

  describe('rate limits and permissions', () => {
    it('counts each token down and answers 403 once its hour is spent', async () => {
      const limited = await startGitHubSimulator({ appId: APP_ID, privateKeyPem: privateKey, seed, rateLimit: 2 });
      try {
        const client = actionsClient(limited, limited.createInstallationToken(1));
        const first = await client.rest.issues.get({ ...REPO, issue_number: 1 });
        const second = await client.rest.issues.get({ ...REPO, issue_number: 1 });
        expect([first.headers['x-ratelimit-remaining'], second.headers['x-ratelimit-remaining'], second.headers['x-ratelimit-resource']]).toEqual(['1', '0', 'core']);
        await expect(client.rest.issues.get({ ...REPO, issue_number: 1 })).rejects.toMatchObject({ status: 403, message: expect.stringContaining('API rate limit exceeded for installation ID 1.') });
      } finally {
        await limited.close();
      }
    });

    it('answers 403 naming the permission an installation lacks', async () => {
      await sim.addRepository({ owner: 'read-only-org', ownerType: 'Organization', name: 'service' });
      sim.addInstallation({ id: 7, account: 'read-only-org', permissions: { metadata: 'read', checks: 'read' } });
      const client = actionsClient(sim, sim.createInstallationToken(7));
      const head = sim.commit('read-only-org/service', 'HEAD')?.sha ?? '';
      const create = client.rest.checks.create({ owner: 'read-only-org', repo: 'service', name: 'gates', head_sha: head });
      await expect(create).rejects.toMatchObject({ status: 403, response: { headers: { 'x-accepted-github-permissions': 'checks=write' } } });
    });
  });

  describe('issues', () => {
    it('keeps the timeline in the order things happened and drops assignees who cannot be assigned', async () => {
      const bot = actionsClient(sim, sim.createInstallationToken(1));
      const person = actionsClient(sim, sim.createUserToken('octocat'));
      const { data: issue } = await bot.rest.issues.create({ ...REPO, title: 'Drill', labels: ['drill'] });
      await person.rest.issues.createComment({ ...REPO, issue_number: issue.number, body: 'on it' });
      await bot.rest.issues.addAssignees({ ...REPO, issue_number: issue.number, assignees: ['octocat', 'stranger'] });
      await bot.rest.issues.update({ ...REPO, issue_number: issue.number, state: 'closed', state_reason: 'completed' });
      const events = await bot.paginate(bot.rest.issues.listEventsForTimeline, { ...REPO, issue_number: issue.number });
      expect(events.map((e: any) => `${e.event} by ${e.actor.login}`)).toEqual(['labeled by maestro-conductor[bot]', 'commented by octocat', 'assigned by maestro-conductor[bot]', 'closed by maestro-conductor[bot]']);
      expect(sim.issue('Codertocat/Hello-World', issue.number)?.assignees.map((a) => a.login)).toEqual(['octocat']);
    });
  });

  describe('the actions client', () => {
    it('creates a check run with a workflow token, as GitHub Actions', async () => {
      const client = actionsClient(sim, sim.createWorkflowToken('Codertocat/Hello-World'));
      const { data: files } = await client.rest.pulls.listFiles({ ...REPO, pull_number: 2 });
      expect(files.map((f) => [f.filename, f.status])).toEqual([['README.md', 'modified']]);
      const { data } = await client.rest.checks.create({ ...REPO, name: 'Enforce GA Gates Evidence', head_sha: HEAD, conclusion: 'success', output: { title: 'ok', summary: 'ok' } });
      expect(data.app).toMatchObject({ id: 15368, slug: 'github-actions' });
      const rate = sim.requests.at(-1);
      expect(rate).toMatchObject({ route: 'POST /repos/{owner}/{repo}/check-runs', status: 201, path: '/repos/Codertocat/Hello-World/check-runs' });
    });
  });

  describe('unknown routes', () => {
    it('answers 404 as GitHub does and names the route in assertNoUnknownRoutes', async () => {
      await expect(installation.request('GET /repos/{owner}/{repo}/branches', REPO)).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } } });
      expect(() => sim.assertNoUnknownRoutes()).toThrow('GET /api/v3/repos/Codertocat/Hello-World/branches');
      sim.clearRequests();
    });
  });
});
