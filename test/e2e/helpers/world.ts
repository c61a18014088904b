import { EVENT_AT } from '../../helpers/clock.js';
import { driftReport } from '../../helpers/evidence-artifacts.js';
import { privateKey } from '../../helpers/private-key.js';
import type { GitHubSimulator } from '../github-simulator/github-simulator.js';
import type { SimComment, SimReview, SimWorkflowRun } from '../github-simulator/model.js';
import type { Seed } from '../github-simulator/seed-types.js';
import { startGitHubSimulator } from '../github-simulator/start-github-simulator.js';
import { actionsClient } from '../github-simulator/test-clients.js';

/** The app under test, as registered on the simulated GitHub. */
export const APP_ID = 2;
export const SECRET = 'e2e-webhook-secret';
export const BOT = 'maestro-conductor[bot]';
export const CHECK_NAME = 'Enforce GA Gates Evidence';

/** The repository of the @octokit/webhooks-examples payloads, where the app is installed. */
export const OWNER = 'Codertocat';
export const REPO = 'Codertocat/Hello-World';
export const INSTALLATION_ID = 1;
/** People of the repository: its owner (admin), another admin, a collaborator with write and one with read access. */
export const ADMIN = 'Codertocat';
export const OTHER_ADMIN = 'monalisa';
export const WRITER = 'octocat';
export const READER = 'hubot';

/** When the workflow runs of a test's commits were created: after the app's clock started (TEST_NOW), before the events (EVENT_AT). */
export const RUN_AT = '2026-11-20T12:10:00Z';

/**
 * The examples' repository without any `.github/maestro.yml` (neither its own nor in the account's
 * `.github` repository): every repo gets the default config.
 */
export function worldSeed(): Seed {
  return {
    repositories: [
      {
        owner: OWNER,
        ownerType: 'User',
        ownerId: 21031067,
        name: 'Hello-World',
        id: 186853002,
        defaultBranch: 'master',
        files: { 'README.md': '# Hello-World\n', '.github/workflows/ci.yml': 'name: CI\non: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo test\n' },
        collaborators: { [OTHER_ADMIN]: 'admin', [WRITER]: 'write', [READER]: 'read' },
      },
      { owner: OWNER, name: '.github', files: { 'README.md': "The account's community health files.\n" } },
    ],
    installations: [{ id: INSTALLATION_ID, account: OWNER, accountType: 'User', repositories: 'all' }],
  };
}

/** A simulator on the real clock (GitHub's time, which the app's JWTs are signed by) holding `seed`. */
export function startWorld(seed: Seed = worldSeed()): Promise<GitHubSimulator> {
  return startGitHubSimulator({ appId: APP_ID, privateKeyPem: privateKey, seed });
}

/** A clean drift-report of the commit, which meets GA-30 (the control that applies to every PR). */
export function cleanDriftEvidence(sha: string, repo = REPO): Record<string, string> {
  return { 'drift-report.json': driftReport(repo, sha, 'clean') };
}

/** What a test's pull request is made of. */
export interface PullSpec {
  title?: string;
  body?: string;
  labels?: string[];
  /** Files of the head commit (default: one new source file). */
  files?: Record<string, string>;
  /** Evidence artifacts of the head commit, by name, uploaded by its first workflow run; a function gets the head sha. */
  artifacts?: (sha: string) => Record<string, Record<string, string>>;
  /** Workflow runs of the head commit (default 1), all completed unless `inProgress`. */
  runs?: number;
  inProgress?: boolean;
}

/** A pull request the simulator holds, with its head commit's workflow runs. */
export interface SeededPull {
  number: number;
  headSha: string;
  headRef: string;
  runs: SimWorkflowRun[];
}

let branches = 0;

/** Opens a pull request on a new branch of the repository, with the workflow runs (and their artifacts) of its head commit. */
export async function seedPull(sim: GitHubSimulator, spec: PullSpec = {}, repo = REPO): Promise<SeededPull> {
  const headRef = `e2e/change-${++branches}`;
  const pull = sim.addPullRequest(repo, {
    title: spec.title ?? `Change ${branches}`,
    body: spec.body ?? 'A change made by an end-to-end test.',
    head: { ref: headRef, files: spec.files ?? { [`src/change-${branches}.ts`]: `export const change = ${branches};\n` } },
    labels: spec.labels ?? [],
    createdAt: EVENT_AT,
  });
  const headSha = pull.pull!.head.sha;
  const artifacts = Object.entries(spec.artifacts?.(headSha) ?? {}).map(([name, files]) => ({ name, files }));
  const runs: SimWorkflowRun[] = [];
  for (let i = 0; i < (spec.runs ?? 1); i++) {
    runs.push(await sim.addWorkflowRun(repo, {
      name: i === 0 ? 'CI' : `CI part ${i + 1}`,
      headSha,
      headBranch: headRef,
      event: 'pull_request',
      status: spec.inProgress ? 'in_progress' : 'completed',
      createdAt: RUN_AT,
      artifacts: i === 0 ? artifacts : [],
    }));
  }
  return { number: pull.number, headSha, headRef, runs };
}

/** A person comments on an issue or pull request, with their own token, as on github.com. */
export async function postComment(sim: GitHubSimulator, login: string, number: number, body: string, repo = REPO): Promise<SimComment> {
  const [owner, name] = repo.split('/') as [string, string];
  const { data } = await actionsClient(sim, sim.createUserToken(login)).rest.issues.createComment({ owner, repo: name, issue_number: number, body });
  return sim.repository(repo).comments.get(data.id)!;
}

/** A person submits a review of a pull request (the simulator serves no review creation route: the review is put in its state). */
export function submitReview(sim: GitHubSimulator, login: string, number: number, state: SimReview['state'], submittedAt = EVENT_AT, repo = REPO): SimReview {
  const pull = sim.issue(repo, number)?.pull;
  if (!pull) throw new Error(`${repo} has no pull request #${number}`);
  const review: SimReview = { id: sim.state.nextId('review'), user: sim.state.account(login), state, body: '', commitId: pull.head.sha, submittedAt };
  pull.reviews.push(review);
  return review;
}
