import { MaestroError } from '../errors.js';

/** Most changed paths accepted: GitHub itself lists at most 3,000 files of a PR. */
export const MAX_CHANGED_FILES = 10_000;

/**
 * Reads a changed-files list: a JSON array of paths, or one path per line (the output of
 * `git diff --name-only`). Blank lines are skipped; leading `./` is dropped.
 */
export function parseChangedFiles(text: string, source: string): string[] {
  const trimmed = text.trim();
  let paths: unknown;
  if (trimmed.startsWith('[')) {
    try {
      paths = JSON.parse(trimmed);
    } catch {
      throw new MaestroError('JSON_SYNTAX', `changed-files list ${source} starts like a JSON array but is not valid JSON`, { file: source, remedy: 'write a JSON array of paths, or one path per line.' });
    }
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
      throw new MaestroError('SCHEMA_INVALID', `changed-files list ${source} must be an array of strings`, { file: source, remedy: 'write a JSON array of paths, or one path per line.' });
    }
  } else {
    paths = trimmed === '' ? [] : trimmed.split(/\r?\n/);
  }
  const list = (paths as string[]).map((p) => p.trim().replace(/^\.\//, '')).filter((p) => p !== '');
  if (list.length > MAX_CHANGED_FILES) {
    throw new MaestroError('TOO_MANY_FILES', `changed-files list ${source} has ${list.length} paths, more than ${MAX_CHANGED_FILES}`, { file: source, remedy: 'pass the files changed by one pull request.' });
  }
  return list;
}
