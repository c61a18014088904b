import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import nock from 'nock';

/**
 * Pins GitHub for the tests of the calling `describe`: no real network, every interceptor cleared
 * before each test, each test failing when a request it announced was never made, and nock undone
 * afterwards (it patches Node's http and fetch, which every test file of a Jest worker shares).
 */
export function pinGitHubRequests(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  beforeEach(() => nock.cleanAll());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
