import { getOctokit } from '@actions/github';
import type { ListedPull } from '../../core/bundle/plan-evidence-pack.js';
import { MaestroError } from '../../core/errors.js';
import { DECISION_LOG_ARTIFACT, fetchDecisionLogFiles } from './fetch-decision-logs.js';
import type { GitHub } from './github.js';
import { listReleasePulls, type RepoName } from './list-release-pulls.js';

/** What the release action asks GitHub, and what it learnt on the way (for the job summary). */
export interface ReleaseGitHub {
  /** The pull requests that brought the commits between the previous release's tag and the release commit. */
  listPulls(range: { previousRelease: string; commit: string }): Promise<ListedPull[]>;
  /** The JSON files of the decision-log artifacts of the pull requests' head commits. */
  decisionLogFiles(pulls: readonly ListedPull[]): Promise<Array<{ name: string; bytes: Uint8Array }>>;
  /** Requests made, commits compared, and artifacts that could not be read. */
  readonly stats: { requests: number; commits: number; notes: string[] };
}

/**
 * The GitHub of a release, through Octokit from `@actions/github` with the workflow token: it needs
 * contents read (compare), pull-requests read (the commits' pull requests) and actions read (the
 * decision-log artifacts). `fetch`: the one given, else `@actions/github`'s (proxy-aware).
 */
export function createReleaseGitHub(token: string, repo: string, options: { artifactName?: string; baseUrl?: string; fetch?: typeof fetch } = {}): ReleaseGitHub {
  const [owner, name] = repo.split('/');
  if (!owner || !name) throw new MaestroError('USAGE', `repository '${repo}' is not owner/name`, { remedy: 'run in a workflow (GITHUB_REPOSITORY is set there).' });
  const ref: RepoName = { owner, name, fullName: repo };
  const octokit = getOctokit(token, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  }) as unknown as GitHub;
  const stats = { requests: 0, commits: 0, notes: [] as string[] };
  return {
    stats,
    listPulls: async (range) => {
      const listed = await listReleasePulls(octokit, ref, { base: range.previousRelease, head: range.commit });
      stats.requests += listed.requests;
      stats.commits = listed.commits;
      return listed.pulls;
    },
    decisionLogFiles: async (pulls) => {
      const fetched = await fetchDecisionLogFiles(octokit, ref, pulls, options.artifactName ?? DECISION_LOG_ARTIFACT);
      stats.requests += fetched.requests;
      stats.notes.push(...fetched.notes);
      return fetched.files;
    },
  };
}
