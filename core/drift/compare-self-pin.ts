import { selfPin, type TemplateReleases } from './template-releases.js';
import { compareVersions } from './template-version.js';

/**
 * How a repository's pin of the template repository stands against the template's pin of the same
 * workflow or action: `current` at the template's release or a newer one (no drift), `behind` an
 * older release, `unmatched` when either commit cannot be matched to a release.
 */
export type SelfPinVerdict =
  | { kind: 'current'; release: string; template: string }
  | { kind: 'behind'; release: string; template: string }
  | { kind: 'unmatched'; sha: string };

/**
 * The verdict for two references, or undefined when they are not both pins of the template
 * repository naming the same workflow or action (they are then compared as text).
 */
export function judgeSelfPin(expected: string, actual: string, releases: TemplateReleases | undefined): SelfPinVerdict | undefined {
  if (!releases) return undefined;
  const exp = selfPin(expected, releases.repository);
  const act = selfPin(actual, releases.repository);
  if (!exp || !act || exp.name !== act.name) return undefined;
  const release = releases.releases[act.sha];
  if (release === undefined) return { kind: 'unmatched', sha: act.sha };
  const template = releases.releases[exp.sha];
  if (template === undefined) return { kind: 'unmatched', sha: exp.sha };
  return { kind: compareVersions(release, template) >= 0 ? 'current' : 'behind', release, template };
}

/** The release a repository's reference of the template repository names, when it can be told. */
export function releaseOfUses(uses: unknown, releases: TemplateReleases): string | undefined {
  const pin = typeof uses === 'string' ? selfPin(uses, releases.repository) : undefined;
  return pin ? releases.releases[pin.sha] : undefined;
}

/** Why a pin could not be matched to a release, and how to give the comparison what it needs. */
export function unmatchedReason(sha: string, releases: TemplateReleases): string {
  const repo = releases.repository;
  const commit = sha.slice(0, 12);
  if (releases.history === 'none') return `the template is not a git checkout, so no release of ${repo} is known: pass --template a clone of ${repo} with its history (drift.yml checks it out with fetch-depth: 0)`;
  if (releases.history === 'shallow') return `the template checkout is shallow and lacks commit ${commit} or its tag: fetch the history and tags (git fetch --unshallow --tags; actions/checkout with fetch-depth: 0)`;
  return `no release of ${repo} is commit ${commit} (not in its history, or no tag vX.Y.Z and no package.json version there): pin a released commit`;
}
