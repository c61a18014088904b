import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { ArtifactCache, collectEvidence, DEFAULT_EVIDENCE_LIMITS, evaluationBudget } from '../../../adapters/github/collect-evidence.js';
import type { EvidenceArtifact } from '../../../adapters/github/list-evidence-artifacts.js';
import { createWorkflowGitHub } from '../../../adapters/github/workflow-github.js';
import type { InvalidEvidence } from '../../../core/evidence/types.js';
import type { RepoRef } from '../../../core/pr/repo-ref.js';
import { artifactRecord, driftReport, zipOf } from '../../helpers/evidence-artifacts.js';
import { pinGitHubRequests } from '../../helpers/pin-github.js';
import { overlappingZip } from '../../helpers/zip-bomb.js';

const API = 'https://api.github.com';
const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
const REPO = '/repos/Codertocat/Hello-World';
const REF: RepoRef = { id: 186853002, owner: 'Codertocat', name: 'Hello-World', fullName: 'Codertocat/Hello-World' };
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const OTHER_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

const octokit = () => new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: globalThis.fetch } });

/** An artifact as `listArtifacts` gives it. */
function listed(id: number, name: string, sha: string, size: number): EvidenceArtifact {
  return { id, headSha: sha, name, sizeInBytes: size, expired: false, runId: 30433642, createdAt: '2026-11-20T11:31:00Z', url: `https://github.com/Codertocat/Hello-World/actions/runs/30433642/artifacts/${id}` };
}

/** The download of an artifact: GitHub's redirect, then the blob. */
function download(id: number, zip: Buffer, times = 1): nock.Scope[] {
  return [
    nock(API).get(`${REPO}/actions/artifacts/${id}/zip`).times(times).reply(302, '', { location: `${BLOB}/artifact-${id}.zip` }),
    nock(BLOB).get(`/artifact-${id}.zip`).times(times).reply(200, zip, { 'content-type': 'application/zip' }),
  ];
}

describe('collectEvidence, bounded', () => {
  pinGitHubRequests();

  it('the root action: refuses an overlapping-entries zip bomb naming the artifact and what to do, and still reads the other artifact', async () => {
    const bomb = overlappingZip(1999);
    const good = await zipOf({ 'drift-report.json': driftReport('Codertocat/Hello-World', SHA, 'clean') });
    const scopes = [
      nock(API).get(`${REPO}/actions/runs`).query({ head_sha: SHA, per_page: 100 }).reply(200, { total_count: 0, workflow_runs: [] }),
      nock(API).get(`${REPO}/actions/artifacts`).query({ per_page: 100 }).reply(200, {
        total_count: 2,
        artifacts: [artifactRecord(REPO, 31, { name: 'maestro-evidence-bomb', size: bomb.length, sha: SHA }), artifactRecord(REPO, 32, { name: 'maestro-evidence-drift', size: good.length, sha: SHA })],
      }),
      ...download(31, bomb),
      ...download(32, good),
    ];
    const started = performance.now();
    const items = (await createWorkflowGitHub('ghs_workflow', REF, { fetch: globalThis.fetch }).commitEvidence(SHA)).map((produced) => produced.item);
    const elapsed = performance.now() - started;
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(elapsed).toBeLessThan(2000);
    expect(items.map((i) => [i.ref.path, i.status])).toEqual([['maestro-evidence-bomb', 'invalid'], ['maestro-evidence-drift/drift-report.json', 'valid']]);
    const refused = items[0] as InvalidEvidence;
    expect(refused.code).toBe('ZIP_OVERLAP');
    expect(refused.ref.url).toBe('https://github.com/Codertocat/Hello-World/actions/runs/30433642/artifacts/31');
    expect(refused.issues[0]!.message).toMatch(/^the artifact is a zip bomb: 1999 of its 1999 entries overlap .*; nothing was inflated\. Re-create the artifact with actions\/upload-artifact/);
  });

  it('the App: one budget of inflated bytes across the commits of an evaluation (a merge group); an artifact stopped by it is read again by the next evaluation', async () => {
    const report = (sha: string) => driftReport('Codertocat/Hello-World', sha, 'clean');
    const [first, second] = [await zipOf({ 'drift-report.json': report(SHA) }), await zipOf({ 'drift-report.json': report(OTHER_SHA) })];
    const artifacts = [listed(41, 'maestro-evidence-drift', SHA, first.length), listed(42, 'maestro-evidence-drift', OTHER_SHA, second.length)];
    // Room for one report, not two.
    const limits = { ...DEFAULT_EVIDENCE_LIMITS, maxEvaluationInflatedBytes: Buffer.byteLength(report(SHA)) + 100 };
    const cache = new ArtifactCache();
    const scopes = [...download(41, first), ...download(42, second, 2)];
    const github = octokit();

    const budget = evaluationBudget(limits);
    const a = await collectEvidence(github as never, REF, SHA, undefined, cache, limits, artifacts, [], budget);
    const b = await collectEvidence(github as never, REF, OTHER_SHA, undefined, cache, limits, artifacts, [], budget);
    expect(a.items.map((i) => i.status)).toEqual(['valid']);
    expect(b.items).toEqual([expect.objectContaining({ status: 'invalid', code: 'ZIP_LIMIT', ref: expect.objectContaining({ path: 'maestro-evidence-drift' }) })]);
    expect((b.items[0] as InvalidEvidence).issues[0]!.message).toMatch(/^the evidence artifacts of this evaluation inflate past .* in all: inflation stopped at drift-report\.json, and 1 JSON entry was not read; upload only the JSON reports/);

    // The next evaluation has a budget of its own: the artifact is downloaded and read again, not served from the cache as refused.
    const again = await collectEvidence(github as never, REF, OTHER_SHA, undefined, cache, limits, artifacts, [], evaluationBudget(limits));
    expect(again.items.map((i) => i.status)).toEqual(['valid']);
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
  });
});
