import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { deliver } from './helpers/deliver.js';
import { e2eNodes } from './helpers/node-binary.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, CHECK_NAME, REPO, SECRET, seedPull, startWorld, worldSeed } from './helpers/world.js';

describe.each(e2eNodes())('the built app on $name in report-only mode', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;

  beforeAll(async () => {
    const seed = worldSeed();
    seed.repositories![0]!.files!['.github/maestro.yml'] = 'version: 1\nmode: report-only\n';
    sim = await startWorld(seed);
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  afterEach(() => sim.assertNoUnknownRoutes());

  it('concludes neutral where enforce would fail, and says which controls would fail it', async () => {
    // No drift report anywhere: GA-30 (every pull request) is not met.
    const pr = await seedPull(sim, { files: { 'docs/notes.md': 'notes\n' } });
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'))).status).toBe(200);
    const check = await waitFor(`the completed check of #${pr.number}`, () => sim.checkRuns(REPO, pr.headSha).find((c) => c.name === CHECK_NAME && c.status === 'completed'), { sim, app });
    const comment = await waitFor(`the gate-notes comment on #${pr.number}`, () => sim.comments(REPO, pr.number)[0], { sim, app });
    await app.idle();
    expect(check.conclusion).toBe('neutral');
    expect(check.output.title).toBe('report-only: this pull request would fail 1 control (GA-30); mode: report-only, so the check does not block.');
    expect(check.output.summary).toContain(`**Report-only mode** (set by \`${REPO}:.github/maestro.yml\`): this check does not block merging. In enforce mode it would fail GA-30.`);
    expect(comment.body).toContain('### 👀 report-only, would fail: Enforce GA Gates Evidence');
  });
});
