import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { deliver } from './helpers/deliver.js';
import { e2eNodes } from './helpers/node-binary.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, CHECK_NAME, cleanDriftEvidence, REPO, SECRET, seedPull, startWorld, worldSeed, type SeededPull } from './helpers/world.js';
import { a11yData, makeReport } from '../helpers/build-evidence.js';

/** The workflow file of the first run `seedPull` makes (named CI). */
const CI_WORKFLOW = '.github/workflows/ci.yml';

/** A passing a11y report of the head commit, as the a11y action uploads it. */
const a11yEvidence = (sha: string) => ({ 'maestro-evidence-a11y': { 'a11y.json': JSON.stringify(makeReport('a11y', a11yData(), { sha, repo: REPO, createdAt: '2026-11-20T11:40:00Z' })) } });

describe.each(e2eNodes())('the built app on $name: which evidence it trusts', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });

  async function decide(pr: SeededPull): Promise<{ conclusion: string | null; summary: string; comment: string }> {
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    const check = await waitFor(`the completed check of #${pr.number}`, () => sim.checkRuns(REPO, pr.headSha).find((c) => c.name === CHECK_NAME && c.status === 'completed'), context());
    await waitFor(`the gate-notes comment on #${pr.number}`, () => sim.comments(REPO, pr.number)[0], context());
    await app.idle();
    return { conclusion: check.conclusion, summary: check.output.summary ?? '', comment: sim.comments(REPO, pr.number)[0]!.body };
  }

  beforeAll(async () => {
    sim = await startWorld();
    // The drift template's scheduled run on the default branch, hours before the pull requests: its
    // clean drift report is the repo-wide evidence GA-30 (every pull request) asks for.
    const mainSha = sim.refs(REPO)['refs/heads/master']!;
    await sim.addWorkflowRun(REPO, { name: 'GA drift', path: '.github/workflows/ga-drift.yml', headSha: mainSha, headBranch: 'master', event: 'schedule', createdAt: '2026-11-20T06:00:00Z', artifacts: [{ name: 'maestro-evidence-drift', files: cleanDriftEvidence(mainSha) }] });
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  afterEach(() => sim.assertNoUnknownRoutes());

  it('counts the default branch\'s scheduled drift report for a pull request whose own runs uploaded none: GA-30 is met', async () => {
    const pr = await seedPull(sim);
    const { conclusion, summary } = await decide(pr);
    expect(summary).toMatch(/✅[^\n]*GA-30/);
    expect(conclusion).toBe('success');
  });

  it('does not trust an a11y report uploaded by a workflow file the pull request changes: GA-25 is not met, and the notes say why', async () => {
    const pr = await seedPull(sim, {
      files: { 'src/Checkout.tsx': 'export const Checkout = () => null;\n', [CI_WORKFLOW]: 'name: CI\non: [pull_request]\njobs:\n  a11y:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "a passing report, whatever the page says"\n' },
      artifacts: a11yEvidence,
    });
    const { conclusion, comment } = await decide(pr);
    expect(conclusion).toBe('failure');
    expect(comment).toMatch(/<summary>❌ <a [^>]+>GA-25<\/a>[^\n]*cannot be used/);
    expect(comment).toContain(`is not trusted: produced by ${CI_WORKFLOW}, which this pull request changes`);
    // GA-30 still met by the default branch's drift report.
    expect(comment).toMatch(/<summary>✅ <a [^>]+>GA-30<\/a>/);
  });

  it('trusts the same a11y report when the pull request leaves the workflow alone', async () => {
    const pr = await seedPull(sim, { files: { 'src/Cart.tsx': 'export const Cart = () => null;\n' }, artifacts: a11yEvidence });
    const { conclusion, comment } = await decide(pr);
    expect(comment).not.toContain('untrusted');
    expect(conclusion).toBe('success');
  });
});

describe.each(e2eNodes())('the built app on $name: the workflows the config allows to produce evidence', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;

  beforeAll(async () => {
    const seed = worldSeed();
    seed.repositories![0]!.files!['.github/maestro.yml'] = 'version: 1\nproducers:\n  a11y: [.github/workflows/a11y.yml]\n';
    sim = await startWorld(seed);
    const mainSha = sim.refs(REPO)['refs/heads/master']!;
    await sim.addWorkflowRun(REPO, { name: 'GA drift', path: '.github/workflows/ga-drift.yml', headSha: mainSha, headBranch: 'master', event: 'schedule', createdAt: '2026-11-20T06:00:00Z', artifacts: [{ name: 'maestro-evidence-drift', files: cleanDriftEvidence(mainSha) }] });
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  afterEach(() => sim.assertNoUnknownRoutes());

  it('does not trust an a11y report from another workflow, unchanged as it is: GA-25 is not met, naming producers.a11y', async () => {
    const pr = await seedPull(sim, { files: { 'src/Cart.tsx': 'export const Cart = () => null;\n' }, artifacts: a11yEvidence });
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    const comment = await waitFor(`the gate-notes comment on #${pr.number}`, () => sim.comments(REPO, pr.number)[0], { sim, app });
    await app.idle();
    expect(comment.body).toContain(`is not trusted: produced by ${CI_WORKFLOW}, but ${REPO}:.github/maestro.yml lets only .github/workflows/a11y.yml produce a11y evidence (producers.a11y)`);
    expect(sim.checkRuns(REPO, pr.headSha).find((c) => c.name === CHECK_NAME)?.conclusion).toBe('failure');
  });
});

