import type { RepoRef } from '../../core/pr/repo-ref.js';
import { type GitHub, repoParams } from './github.js';

/** GitHub lists at most this many files of a PR. */
export const MAX_LISTED_FILES = 3000;

/**
 * The paths a PR changes (renames count with both names). One request for up to 100 files.
 * `undefined` when GitHub cannot list them all: path rules then match, so no control is skipped.
 */
export async function listChangedFiles(octokit: GitHub, repo: RepoRef, pull: number, knownCount?: number): Promise<string[] | undefined> {
  if (knownCount !== undefined && knownCount > MAX_LISTED_FILES) return undefined;
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repoParams(repo), pull_number: pull, per_page: 100 });
  if (files.length >= MAX_LISTED_FILES) return undefined;
  const paths = new Set<string>();
  for (const file of files) {
    paths.add(file.filename);
    if (file.previous_filename) paths.add(file.previous_filename);
  }
  return [...paths].sort();
}
