import { describe, expect, it } from '@jest/globals';
import { validate } from '@octokit/graphql-schema';
import { buildSweepQuery, REPOS_PER_QUERY } from '../../../app/drift/fetch-repo-workflows.js';

const repos = Array.from({ length: REPOS_PER_QUERY }, (_v, i) => ({ owner: 'acme', name: `repo-${i}` }));

describe('the drift sweep\'s GraphQL query', () => {
  it('is valid against GitHub\'s published GraphQL schema', () => {
    expect(validate(buildSweepQuery(repos, 'maestro/ci-template').query).map((e) => e.message)).toEqual([]);
  });

  it('is valid with the template\'s other files and the topics asked for, paths passed as variables', () => {
    const { query, variables } = buildSweepQuery(repos, 'maestro/ci-template', { files: ['.github/pull_request_template.md', '.github/ISSUE_TEMPLATE/ga-gap.yml'], topics: true });
    expect(validate(query).map((e) => e.message)).toEqual([]);
    expect(query).toContain('repositoryTopics(first: 20)');
    expect(buildSweepQuery(repos, 'b').query).not.toContain('repositoryTopics');
    expect(query).not.toContain('pull_request_template');
    expect(variables).toMatchObject({ f0: 'HEAD:.github/pull_request_template.md', f1: 'HEAD:.github/ISSUE_TEMPLATE/ga-gap.yml' });
  });

  it('passes names only as variables, so a hostile name cannot change the query', () => {
    const { query, variables } = buildSweepQuery([{ owner: 'acme', name: 'x") { id } evil: viewer { login' }], 'b');
    expect(query).not.toContain('evil');
    expect(variables).toEqual({ branch: 'refs/heads/b', o0: 'acme', n0: 'x") { id } evil: viewer { login' });
  });

  it('fails validation when a field does not exist, so the check can fail', () => {
    const { query } = buildSweepQuery(repos.slice(0, 1), 'b');
    expect(validate(query.replace('isTruncated', 'isCut')).map((e) => e.message)).toEqual([expect.stringContaining('isCut')]);
  });
});
