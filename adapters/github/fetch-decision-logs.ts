import type { ListedPull } from '../../core/bundle/plan-evidence-pack.js';
import { isMaestroError } from '../../core/errors.js';
import { DEFAULT_ZIP_LIMITS, extractEvidenceZip, InflateBudget } from '../zip/extract-evidence-zip.js';
import { downloadArtifact } from './download-artifact.js';
import type { GitHub } from './github.js';
import { gitHubError, type RepoName } from './list-release-pulls.js';
import { webUrlOf } from './web-url.js';

/** The artifact the gate's workflow uploads its decision log in (the root action's decision-log-path output). */
export const DECISION_LOG_ARTIFACT = 'maestro-decision-log';

/** Largest decision-log artifact downloaded: a decision log is a few hundred KB at most. */
const MAX_ARTIFACT_BYTES = 25 * 1024 * 1024;

/** Most bytes inflated from all the decision-log artifacts of one release. */
const MAX_RELEASE_INFLATED_BYTES = 256 * 1024 * 1024;

/** The decision-log files found, what could not be read and why, and what it cost. */
export interface DecisionLogFiles {
  /** JSON files of the artifacts, named by the run that uploaded them (the caller keeps the decision logs of the pull requests). */
  files: Array<{ name: string; bytes: Uint8Array }>;
  /** Artifacts that could not be read (expired, too large, not a zip), one sentence each. */
  notes: string[];
  requests: number;
}

/**
 * The decision logs the gate's workflow runs left for the head commits the pull requests were
 * merged with: the repository's artifacts named `artifactName` (one list, newest first, read down
 * to the oldest pull request's opening), those of runs of a head commit downloaded and their JSON
 * files extracted in memory with the evidence zip limits. A pull request given without its head
 * commit (from a file) costs one request for it.
 */
export async function fetchDecisionLogFiles(octokit: GitHub, repo: RepoName, pulls: readonly ListedPull[], artifactName = DECISION_LOG_ARTIFACT): Promise<DecisionLogFiles> {
  const params = { owner: repo.owner, repo: repo.name };
  let requests = 0;
  const heads = new Set<string>();
  let since = Number.POSITIVE_INFINITY;
  for (const pull of pulls) {
    let { headSha, openedAt } = pull;
    if (!headSha) {
      requests++;
      const { data } = await octokit.rest.pulls.get({ ...params, pull_number: pull.number }).catch((cause: unknown) => {
        throw gitHubError(cause, `read pull request #${pull.number} of ${repo.fullName}`, 'check the pull request numbers of the pulls file, and that the token may read pull requests (pull-requests: read).');
      });
      headSha = data.head.sha;
      openedAt ??= data.created_at;
    }
    heads.add(headSha);
    since = Math.min(since, openedAt ? Date.parse(openedAt) : Number.NEGATIVE_INFINITY);
  }
  const found: Array<{ id: number; size: number; expired: boolean; runId?: number }> = [];
  const listing = octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, { ...params, name: artifactName, per_page: 100 });
  try {
    for await (const page of listing) {
      requests++;
      for (const artifact of page.data) {
        if (artifact.workflow_run?.head_sha && heads.has(artifact.workflow_run.head_sha)) found.push({ id: artifact.id, size: artifact.size_in_bytes, expired: artifact.expired, runId: artifact.workflow_run.id });
      }
      // Newest first: a gate ran on a pull request only once it was opened.
      const last = page.data[page.data.length - 1];
      if (!last?.created_at || Date.parse(last.created_at) < since) break;
    }
  } catch (cause) {
    throw gitHubError(cause, `list the ${artifactName} artifacts of ${repo.fullName}`, 'check that the token may read the repository\'s workflow artifacts (actions: read).');
  }
  const web = webUrlOf(octokit);
  const budget = new InflateBudget(MAX_RELEASE_INFLATED_BYTES);
  const files: DecisionLogFiles['files'] = [];
  const notes: string[] = [];
  for (const artifact of found.sort((a, b) => a.id - b.id)) {
    const name = `${web}/${repo.fullName}/actions/runs/${artifact.runId ?? 0}/artifacts/${artifact.id}`;
    if (artifact.expired) {
      notes.push(`${name} has expired: its decision logs are no longer on GitHub`);
      continue;
    }
    if (artifact.size > MAX_ARTIFACT_BYTES) {
      notes.push(`${name} is ${artifact.size} bytes, more than the ${MAX_ARTIFACT_BYTES} read for decision logs`);
      continue;
    }
    requests++;
    let zip: Buffer;
    try {
      zip = await downloadArtifact(octokit, { id: 0, ...repo }, artifact.id, MAX_ARTIFACT_BYTES);
    } catch (error) {
      if (!isMaestroError(error)) throw gitHubError(error, `download ${name}`, 'check that the token may read the repository\'s workflow artifacts (actions: read).');
      notes.push(`${name}: ${error.message}`);
      continue;
    }
    const extracted = await extractEvidenceZip(zip, artifactName, DEFAULT_ZIP_LIMITS, budget);
    for (const file of extracted.files) files.push({ name: `${name}/${file.path.startsWith(`${artifactName}/`) ? file.path.slice(artifactName.length + 1) : file.path}`, bytes: file.bytes });
    for (const problem of extracted.problems) notes.push(`${name}: ${problem.issues.map((i) => i.message).join('; ')}`);
  }
  return { files, notes, requests };
}
