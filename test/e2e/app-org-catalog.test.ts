import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import type { Seed, SeedRepository } from './github-simulator/seed-types.js';
import { apiCounts, APP_ROUTE, appRequests, describeRequests } from './helpers/app-requests.js';
import { deliver } from './helpers/deliver.js';
import { e2eNodes } from './helpers/node-binary.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, CHECK_NAME, cleanDriftEvidence, SECRET, seedPull, startWorld, type SeededPull } from './helpers/world.js';

/** An organisation whose `.github` repository holds a valid catalog, and one whose catalog is broken. */
const ACME = 'acme';
const BROKEN = 'broken-co';
const ACME_REPO = `${ACME}/api`;
const BROKEN_REPO = `${BROKEN}/web`;

const COMMIT = 'GET /repos/{owner}/{repo}/commits/{ref}';
const CONTENTS = 'GET /repos/{owner}/{repo}/contents/{path}';
const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';
const ARTIFACTS = 'GET /repos/{owner}/{repo}/actions/artifacts';
const DOWNLOAD = 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}';
const FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const CREATE_CHECK = 'POST /repos/{owner}/{repo}/check-runs';
const CREATE_COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';

/** The org config that makes the org's controls judge every repository of the owner, beside the shipped ones. */
const ORG_CONFIG = 'version: 1\ncatalog:\n  source: org\n  mode: extend\n';

/** An org control that applies to every pull request and is met only by evidence of kind `link` (which no test uploads). */
const ORG_CONTROL = [
  'id: ORG-01', 'title: Change record', 'priority: P0', 'blocking: true', 'description: Every change has a change record.',
  'frameworks: { soc2: [CC8.1], iso27001: [A.8.32], ssdf: [PO.3.3] }', 'applies: { always: true }',
  'evidence:', '  - { kind: link, description: A reviewer approved the link to the change record., scope: commit, maxAge: P30D, link: true }', '',
].join('\n');

/** GA-30 (every PR) met by a clean drift-report of the head commit: only the org's control is left to fail. */
const driftEvidence = (repo: string) => (sha: string) => ({ 'maestro-evidence-drift': cleanDriftEvidence(sha, repo) });

function org(owner: string, member: string, controls: Record<string, string>): SeedRepository[] {
  const files = Object.fromEntries(Object.entries(controls).map(([name, text]) => [`maestro/controls/${name}`, text]));
  return [
    { owner, ownerType: 'Organization', name: member, defaultBranch: 'main', files: { 'README.md': `# ${member}\n` } },
    { owner, ownerType: 'Organization', name: '.github', defaultBranch: 'main', files: { '.github/maestro.yml': ORG_CONFIG, 'maestro/controls/README.md': 'One control per file.\n', ...files } },
  ];
}

/** Two organisations with the app installed on all their repositories. */
function orgSeed(): Seed {
  return {
    repositories: [
      ...org(ACME, 'api', { 'org-01.yml': ORG_CONTROL }),
      // A duplicate key in one file, an unknown field in another: both are reported, neither file is used.
      ...org(BROKEN, 'web', { 'org-01.yml': ORG_CONTROL.replace('priority: P0', 'priority: P0\npriority: P1'), 'org-02.yml': ORG_CONTROL.replace('ORG-01', 'ORG-02').replace('blocking: true', 'blocking: true\nseverity: high') }),
    ],
    installations: [
      { id: 11, account: ACME, accountType: 'Organization', repositories: 'all' },
      { id: 12, account: BROKEN, accountType: 'Organization', repositories: 'all' },
    ],
  };
}

describe.each(e2eNodes())('the built app on $name with an org catalog', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;
  const context = () => ({ sim, app });

  async function evaluate(repo: string, pr: SeededPull) {
    expect((await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, repo, pr.number, 'opened'))).status).toBe(200);
    const check = await waitFor(`the completed check of ${repo}#${pr.number}`, () => sim.checkRuns(repo, pr.headSha).find((c) => c.name === CHECK_NAME && c.status === 'completed'), context());
    const comment = await waitFor(`the gate-notes comment on ${repo}#${pr.number}`, () => sim.comments(repo, pr.number)[0], context());
    await app.idle();
    return { check, comment };
  }

  beforeAll(async () => {
    sim = await startWorld(orgSeed());
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
    // It asks who it is in the background after the start: done before any test counts requests.
    await waitFor('the app\'s GET /app', () => sim.count(APP_ROUTE) > 0, context());
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  beforeEach(() => sim.clearRequests());
  afterEach(() => sim.assertNoUnknownRoutes());

  it('fails a member repository\'s pull request on the org\'s control, and names the org catalog that decided', async () => {
    const orgHead = sim.commit(`${ACME}/.github`, 'HEAD')!.sha;
    const pr = await seedPull(sim, { artifacts: driftEvidence(ACME_REPO) }, ACME_REPO);
    const { check, comment } = await evaluate(ACME_REPO, pr);

    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('1 of 2 applicable controls is not met: ORG-01.');
    // (an @ is escaped with a zero-width space, so that GitHub mentions nobody)
    const catalog = new RegExp(`catalog \`[0-9a-f]{12}\` \\(org ${ACME}/\\.github@${orgHead.slice(0, 7)} maestro/controls, 1 file, extending shipped v\\d+\\.\\d+\\.\\d+\\)`);
    expect(String(check.output.summary).replace(/\u200b/g, '')).toMatch(catalog);
    expect(comment.body.replace(/\u200b/g, '')).toMatch(catalog);
    expect(comment.body).toContain('ORG-01');

    // The org's commit once (the sha media type), the folder and its one *.yml file at that commit: the README is not read.
    const org = appRequests(sim).filter((r) => r.path.includes('/.github/'));
    expect(org.map((r) => `${r.route} ${r.path.replace(/^\/api\/v3/, '')}${r.query.ref ? `?ref=${r.query.ref}` : ''} ${r.status}`)).toEqual([
      `${CONTENTS} /repos/${ACME}/.github/contents/.github%2Fmaestro.yml 200`,
      `${COMMIT} /repos/${ACME}/.github/commits/HEAD 200`,
      `${CONTENTS} /repos/${ACME}/.github/contents/maestro%2Fcontrols?ref=${orgHead} 200`,
      `${CONTENTS} /repos/${ACME}/.github/contents/maestro%2Fcontrols%2Forg-01.yml?ref=${orgHead} 200`,
    ]);
    // Contents: the repository's config (absent), the org's, the folder and the control file.
    expect(apiCounts(sim)).toEqual({ [COMMIT]: 1, [CONTENTS]: 4, [RUNS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 1, [FILES]: 1, [CREATE_CHECK]: 1, [CREATE_COMMENT]: 1 });
  });

  it('reuses the org catalog for the next pull request of the owner without asking GitHub again', async () => {
    const pr = await seedPull(sim, { artifacts: driftEvidence(ACME_REPO) }, ACME_REPO);
    const { check } = await evaluate(ACME_REPO, pr);
    expect(check.output.title).toBe('1 of 2 applicable controls is not met: ORG-01.');
    // The commit was asked for less than five minutes ago, and the catalog built at it is kept.
    expect(describeRequests(appRequests(sim).filter((r) => r.path.includes('/.github/')))).toBe('');
    expect(apiCounts(sim)).toEqual({ [CONTENTS]: 1, [RUNS]: 1, [ARTIFACTS]: 1, [DOWNLOAD]: 1, [FILES]: 1, [CREATE_CHECK]: 1, [CREATE_COMMENT]: 1 });
  });

  it('concludes action_required for an invalid org catalog, naming each file in the org repository and the key', async () => {
    const pr = await seedPull(sim, { artifacts: driftEvidence(BROKEN_REPO) }, BROKEN_REPO);
    const { check, comment } = await evaluate(BROKEN_REPO, pr);

    expect(check.conclusion).toBe('action_required');
    expect(check.output.title).toMatch(new RegExp(`^The catalog of controls is invalid \\(maestro/controls/org-01\\.yml in ${BROKEN}/\\.github line 4: not valid YAML: duplicate key "priority" at the top level \\(lines 3 and 4\\)`));
    const notes = String(check.output.summary).replace(/\\/g, '').replace(/\u200b/g, '');
    expect(notes).toContain('`catalog`');
    expect(notes).toContain(`maestro/controls/org-01.yml in ${BROKEN}/.github line 4: not valid YAML: duplicate key "priority"`);
    expect(notes).toContain(`maestro/controls/org-02.yml in ${BROKEN}/.github at /severity: unknown field "severity"`);
    expect(comment.body.replace(/\\/g, '').replace(/\u200b/g, '')).toContain(`maestro/controls/org-02.yml in ${BROKEN}/.github`);
    // Both control files were read (every problem in one pass); no evidence was looked at.
    expect(appRequests(sim).filter((r) => r.route === COMMIT).map((r) => r.status)).toEqual([200]);
    expect(appRequests(sim).filter((r) => /maestro%2Fcontrols%2F/.test(r.path)).map((r) => r.path.split('%2F').at(-1))).toEqual(['org-01.yml', 'org-02.yml']);
  });
});
