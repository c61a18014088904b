import { parseActionRef } from './parse-action-ref.js';

/** How much of the template repository's history there was to match commits to releases in. */
export type TemplateHistory = 'full' | 'shallow' | 'none';

/**
 * What the comparison knows of the template repository's releases, read before it from the
 * template's git history. References to that repository (its reusable workflows and actions) are
 * compared by the release their commit belongs to, not by SHA: a release's tagged commit cannot
 * name itself, so its templates pin the release before it, and a repository set up from the
 * release's own templates pins a newer commit than the template compared.
 */
export interface TemplateReleases {
  /** owner/name of the template repository, lower-cased, as `uses:` names it. */
  repository: string;
  /** The release (such as 0.2.0) of each commit that could be matched to one, by full SHA. */
  releases: Readonly<Record<string, string>>;
  /** full: the whole history was there; shallow: a shallow clone; none: the template is not a git checkout. */
  history: TemplateHistory;
}

/**
 * Matches commits of the template repository to releases: a tag vX.Y.Z on the commit, else the
 * version of package.json at it. Never the `# vX.Y.Z` comment of a pin, which anyone can write.
 */
export interface ReleaseLookup {
  history(): Promise<TemplateHistory>;
  /** The release of a commit, or undefined when the commit is not there or names no release. */
  releaseOf(sha: string): Promise<string | undefined>;
}

/** A `uses:` reference to the template repository, pinned to a full SHA. */
export interface SelfPin {
  /** The action or reusable workflow, as parseActionRef names it. */
  name: string;
  sha: string;
}

/** The reference as a pin of the template repository, or undefined for any other reference (or a ref that is not a full SHA). */
export function selfPin(uses: string, repository: string): SelfPin | undefined {
  const ref = parseActionRef(uses);
  const repo = repository.toLowerCase();
  if (!ref.pinned || ref.ref === '' || (ref.name !== repo && !ref.name.startsWith(`${repo}/`))) return undefined;
  return { name: ref.name, sha: ref.ref };
}

const USES = /^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)/gm;

/** The commits of the template repository that workflow texts pin, each once, in the order first pinned: what the release lookup is asked about. */
export function selfPinCommits(texts: readonly string[], repository: string): string[] {
  const shas = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(USES)) {
    const pin = selfPin(match[1]!, repository);
    if (pin) shas.add(pin.sha);
  }
  return [...shas];
}
