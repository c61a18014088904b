import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { listArtifacts, withRunPaths } from '../../../adapters/github/list-evidence-artifacts.js';
import type { RepoRef } from '../../../core/pr/repo-ref.js';
import { artifactRecord } from '../../helpers/evidence-artifacts.js';
import { pinGitHubRequests } from '../../helpers/pin-github.js';

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const REF: RepoRef = { id: 186853002, owner: 'Codertocat', name: 'Hello-World', fullName: 'Codertocat/Hello-World', defaultBranch: 'master' };
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const MAIN_SHA = 'f'.repeat(40);
const FORK_REPO_ID = 999;

const octokit = () => new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } });

/** An artifact of a run of `branch` (of the fork when `fork`), created at `at`, newest first as GitHub lists them. */
function record(id: number, name: string, sha: string, at: string, options: { branch?: string; fork?: boolean; expired?: boolean; runId?: number } = {}): Record<string, unknown> {
  const base = artifactRecord(REPO, id, { name, sha });
  return {
    ...base,
    created_at: at,
    expired: options.expired ?? false,
    workflow_run: { id: options.runId ?? 500 + id, repository_id: REF.id, head_repository_id: options.fork ? FORK_REPO_ID : REF.id, head_branch: options.branch ?? 'changes', head_sha: sha },
  };
}

describe('listArtifacts with repo-wide evidence', () => {
  pinGitHubRequests();

  it('keeps the commit\'s artifacts, and the newest unexpired one of each name from the default branch\'s own runs since the horizon', async () => {
    const artifacts = [
      record(9, 'maestro-evidence-a11y', SHA, '2026-11-20T11:40:00Z'),
      // A fork's branch named like the default branch: not the repository's default branch.
      record(8, 'maestro-evidence-drift', 'd'.repeat(40), '2026-11-20T11:00:00Z', { branch: 'master', fork: true }),
      record(7, 'maestro-evidence-drift', MAIN_SHA, '2026-11-20T06:00:00Z', { branch: 'master' }),
      record(6, 'maestro-evidence-drift', MAIN_SHA, '2026-11-19T06:00:00Z', { branch: 'master' }),
      record(5, 'maestro-evidence-slo', MAIN_SHA, '2026-11-19T05:00:00Z', { branch: 'master', expired: true }),
      record(4, 'maestro-evidence-slo', MAIN_SHA, '2026-11-18T05:00:00Z', { branch: 'master' }),
      record(3, 'maestro-evidence-drill', MAIN_SHA, '2026-08-01T05:00:00Z', { branch: 'master' }),
      record(2, 'other-artifact', MAIN_SHA, '2026-11-20T05:00:00Z', { branch: 'master' }),
    ];
    const scope = nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: artifacts.length, artifacts });
    const found = await listArtifacts(octokit() as never, REF, SHA, '2026-11-20T11:30:00Z', { branch: 'master', horizon: '2026-08-20T00:00:00Z' });
    expect(scope.isDone()).toBe(true);
    expect(found.commit.map((a) => a.id)).toEqual([9]);
    // drift: the newest of the default branch (7, not the fork's 8, not the older 6); slo: 4 (5 expired); drill: beyond the horizon.
    expect(found.repoWide.map((a) => [a.id, a.name, a.headBranch])).toEqual([[4, 'maestro-evidence-slo', 'master'], [7, 'maestro-evidence-drift', 'master']]);
  });

  it('reads no further than the commit needs when repo-wide evidence is not asked for', async () => {
    const page = Array.from({ length: 100 }, (_, i) => record(1000 - i, 'maestro-evidence-drift', MAIN_SHA, '2026-11-20T06:00:00Z', { branch: 'master' }));
    const scope = nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 300, artifacts: page }, { link: `<${API}${REPO}/actions/artifacts?per_page=100&page=2>; rel="next"` });
    const found = await listArtifacts(octokit() as never, REF, SHA, '2026-11-20T11:30:00Z');
    expect(scope.isDone()).toBe(true);
    expect(found).toEqual({ commit: [], repoWide: [] });
  });

  it('asks each repo-wide artifact\'s run for its workflow file, once per run', async () => {
    const artifacts = [record(7, 'maestro-evidence-drift', MAIN_SHA, '2026-11-20T06:00:00Z', { branch: 'master', runId: 70 }), record(6, 'maestro-evidence-slo', MAIN_SHA, '2026-11-20T06:00:00Z', { branch: 'master', runId: 70 })];
    nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, { total_count: 2, artifacts });
    const run = nock(API).get(`${REPO}/actions/runs/70`).once().reply(200, { id: 70, path: '.github/workflows/ga-drift.yml', head_branch: 'master' });
    const { repoWide } = await listArtifacts(octokit() as never, REF, SHA, undefined, { branch: 'master', horizon: '2026-08-20T00:00:00Z' });
    const withPaths = await withRunPaths(octokit() as never, REF, repoWide);
    expect(run.isDone()).toBe(true);
    expect(withPaths.map((a) => a.workflowPath)).toEqual(['.github/workflows/ga-drift.yml', '.github/workflows/ga-drift.yml']);
  });
});
