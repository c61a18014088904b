import { findPins, isFullSha, OWN_REPOSITORY, type Pin } from './find-pins.js';
import { closureOf, DEFAULT_PIN_PATHS, scriptsOfAction, type ReadAt } from './pinned-paths.js';

/** What the pin check reads of the repository's history (git in the real one, a map in tests). */
export interface PinnedRepository {
  /** A shallow clone may lack a commit that exists: the remedy is then to fetch, not to re-pin. */
  readonly shallow: boolean;
  hasCommit(sha: string): boolean;
  /** The object id of a file or folder at a commit, undefined when the commit does not hold it. */
  objectId(commit: string, path: string): string | undefined;
  /** The text of a file at a commit, undefined when the commit does not hold it. */
  readText(commit: string, path: string): string | undefined;
  /** The commit a tag names, undefined when there is no such tag. */
  tagCommit(tag: string): string | undefined;
}

/** A pin that does not resolve, at its place in the file. */
export interface PinProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A text file that may hold pins, by its path in the repository. */
export interface PinnedFile {
  path: string;
  text: string;
}

const FETCH = 'this clone is shallow: fetch the full history and the tags (git fetch --unshallow --tags, or actions/checkout with fetch-depth: 0) and run again';

/**
 * Checks every pin of this repository in `files`: a full SHA of a commit the history holds, holding
 * every path the reference needs (a reusable workflow; an action.yml and each script it runs with
 * everything that script imports), with a `# vX.Y.Z` comment naming a tag of that commit, or of a
 * commit with the very same content at those paths. A reusable workflow's own pins must name that
 * same content too: a release's workflow calls the release's actions, never older ones.
 */
export function checkPins(files: readonly PinnedFile[], repo: PinnedRepository): PinProblem[] {
  const problems: PinProblem[] = [];
  for (const file of files) {
    for (const pin of findPins(file.text)) {
      const at = (message: string) => problems.push({ file: file.path, line: pin.line, column: pin.column, message: `${describe(pin)}: ${message}` });
      checkPin(pin, repo, at);
    }
  }
  return problems;
}

function checkPin(pin: Pin, repo: PinnedRepository, at: (message: string) => void): void {
  if (!isFullSha(pin.ref)) return at(`${pin.ref} is not a full commit SHA: pin a released commit (npm run release re-pins every reference)`);
  if (pin.version === undefined) at('has no "# vX.Y.Z" comment naming the release');
  if (!repo.hasCommit(pin.ref)) return at(repo.shallow ? `commit ${pin.ref} is not in this clone; ${FETCH}` : `commit ${pin.ref} is not in this repository's history: pin a released commit (npm run release re-pins every reference)`);
  const paths = neededPaths(pin, pin.ref, repo);
  if (typeof paths === 'string') return at(paths);
  const missing = paths.filter((path) => repo.objectId(pin.ref, path) === undefined);
  if (missing.length > 0) return at(`commit ${pin.ref} does not hold ${missing.join(', ')}`);
  if (pin.version !== undefined) checkTag(pin.ref, `v${pin.version}`, paths, repo, at);
  if (pin.kind === 'uses' && pin.target.startsWith('.github/workflows/')) checkNested(pin, repo, at);
}

/** The `version` of package.json at a commit, undefined when it cannot be read. */
function versionAt(sha: string, repo: PinnedRepository): string | undefined {
  try {
    const version = (JSON.parse(repo.readText(sha, 'package.json') ?? 'null') as { version?: unknown } | null)?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The comment's tag names the pinned commit, or one identical at every path the pin uses; without the tag, package.json at the commit names its version. */
function checkTag(sha: string, tag: string, paths: string[], repo: PinnedRepository, at: (message: string) => void): void {
  const tagged = repo.tagCommit(tag);
  if (tagged === undefined) {
    // A clone made without tags (git clone --no-tags, a mirror that drops them) still holds the
    // release's version in package.json at the pinned commit: the comment is held against that.
    if (versionAt(sha, repo) === tag.slice(1)) return;
    return at(repo.shallow ? `there is no tag ${tag}; ${FETCH}` : `the comment names ${tag}, and there is no such tag, and package.json at ${sha} does not say version ${tag.slice(1)}`);
  }
  if (tagged === sha) return;
  const differs = paths.filter((path) => repo.objectId(sha, path) !== repo.objectId(tagged, path));
  if (differs.length > 0) at(`the comment names ${tag}, which is commit ${tagged}, and that commit differs in ${differs.join(', ')}`);
}

/** The pins inside a reusable workflow, as the pinned commit holds it, name the same content. */
function checkNested(pin: Pin, repo: PinnedRepository, at: (message: string) => void): void {
  const text = repo.readText(pin.ref, pin.target)!;
  for (const inner of findPins(text)) {
    const where = `${pin.target} at ${pin.ref.slice(0, 12)}, line ${inner.line}, ${describe(inner)}`;
    if (!isFullSha(inner.ref) || !repo.hasCommit(inner.ref)) {
      at(`${where} names ${inner.ref}, ${isFullSha(inner.ref) ? 'a commit not in this repository' : 'not a full commit SHA'}`);
      continue;
    }
    const paths = neededPaths(inner, inner.ref, repo);
    if (typeof paths === 'string') {
      at(`${where}: ${paths}`);
      continue;
    }
    const differs = paths.filter((path) => repo.objectId(inner.ref, path) === undefined || repo.objectId(inner.ref, path) !== repo.objectId(pin.ref, path));
    if (differs.length > 0) at(`${where} runs another release: ${differs.join(', ')} at ${inner.ref.slice(0, 12)} differ from the pinned commit's`);
  }
}

/** The paths a pin needs at `sha`, or why they cannot be known. */
function neededPaths(pin: Pin, sha: string, repo: PinnedRepository): string[] | string {
  if (pin.kind === 'default') return DEFAULT_PIN_PATHS[pin.target]?.slice() ?? `the input ${pin.target || '(unknown)'} names a commit, and its needed paths are not known (maestro-ref or template-ref)`;
  if (pin.target.startsWith('.github/workflows/')) return /\.ya?ml$/.test(pin.target) ? [pin.target] : `${pin.target} is not a workflow file`;
  if (pin.target !== '' && !/^actions\/[a-z0-9-]+$/.test(pin.target)) return `${pin.target} is neither an action (actions/<name>) nor a reusable workflow (.github/workflows/<file>)`;
  const read: ReadAt = (path) => repo.readText(sha, path);
  const actionYml = [`${pin.target ? `${pin.target}/` : ''}action.yml`, `${pin.target ? `${pin.target}/` : ''}action.yaml`].find((p) => read(p) !== undefined);
  if (actionYml === undefined) return [`${pin.target ? `${pin.target}/` : ''}action.yml`];
  const scripts = scriptsOfAction(read(actionYml)!, actionYml);
  return [actionYml, ...new Set(scripts.flatMap((script) => closureOf(script, read)))];
}

function describe(pin: Pin): string {
  return pin.kind === 'uses' ? `${OWN_REPOSITORY}${pin.target ? `/${pin.target}` : ''}@${pin.ref.slice(0, 12)}` : `the default of ${pin.target || 'an input'} (${pin.ref.slice(0, 12)})`;
}
