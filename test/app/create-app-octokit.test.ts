import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createAppOctokit } from '../../app/create-app-octokit.js';
import { MemoryContentLimiter } from '../../adapters/github/content-limiter.js';

const API = 'https://api.github.com';
const REPO = { owner: 'Codertocat', repo: 'Hello-World' };

describe("the app's GitHub client", () => {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });

  it('keeps no retry count between requests: a failed request leaves the next one starting afresh, so its first retry waits 1 s, not 4 s', async () => {
    const octokit = new (createAppOctokit(new MemoryContentLimiter()))({ auth: { token: 'ghs_test' }, retry: { retryAfterBaseValue: 1 } });
    const defaults = octokit.request.endpoint.DEFAULTS.request as { retryCount?: number };
    const scope = nock(API)
      .get('/repos/Codertocat/Hello-World/contents/.github%2Fmaestro.yml').reply(404, { message: 'Not Found' })
      .post('/repos/Codertocat/Hello-World/check-runs').reply(502, { message: 'Server Error' })
      .post('/repos/Codertocat/Hello-World/check-runs').reply(201, { id: 7 });
    // The absent config: a 404, not retried. The retry plugin writes its count into the request options
    // it is given; were they the client's own, every later request would start counting from there.
    await expect(octokit.rest.repos.getContent({ ...REPO, path: '.github/maestro.yml' })).rejects.toMatchObject({ status: 404 });
    expect(defaults.retryCount).toBeUndefined();
    const { data } = await octokit.rest.checks.create({ ...REPO, name: 'Enforce GA Gates Evidence', head_sha: 'a'.repeat(40) });
    expect(data.id).toBe(7);
    expect(scope.isDone()).toBe(true);
    expect(defaults.retryCount).toBeUndefined();
  });
});
