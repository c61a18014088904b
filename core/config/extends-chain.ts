/**
 * The rules of `_extends` in `.github/maestro.yml`: which file a value names, and whether the App
 * may read it. Pure: the adapter that reads the files asks before each request, so a hostile
 * chain costs at most `MAX_EXTENDS_HOPS` + 1 file reads.
 */

/** Most `_extends` hops followed from the repository's own config (or its owner's `.github` fallback). */
export const MAX_EXTENDS_HOPS = 5;

/** Config key listing the other owners whose repositories a config may extend. */
export const EXTENDS_ALLOWED_OWNERS_KEY = 'extendsAllowedOwners';

/** One config file in a repository. */
export interface ConfigLocation {
  owner: string;
  repo: string;
  path: string;
}

/** `owner/repo:path`, the way chains are shown. */
export function formatLocation(location: ConfigLocation): string {
  return `${location.owner}/${location.repo}:${location.path}`;
}

/** The forms Probot's config plugin accepts: `repo`, `owner/repo`, `repo:path.yml`, `owner/repo:path.yml`. */
const EXTENDS_PATTERN = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

/**
 * The file an `_extends` value names. An owner left out is the repository's owner (`home`), a path
 * left out is the path of the repository's config, as Probot's config plugin reads them.
 */
export function parseExtends(value: unknown, home: ConfigLocation, from: ConfigLocation): { ok: true; location: ConfigLocation } | { ok: false; message: string } {
  const match = typeof value === 'string' ? EXTENDS_PATTERN.exec(value) : null;
  if (!match) {
    const shown = JSON.stringify(value)?.slice(0, 200) ?? String(value);
    return { ok: false, message: `the _extends of ${formatLocation(from)} is ${shown}, not a repository: write repo, owner/repo or owner/repo:path.yml` };
  }
  return { ok: true, location: { owner: match[1] ?? home.owner, repo: match[2]!, path: match[3] ?? home.path } };
}

/** Owners whose repositories may be extended: the home owner, and those its own layers allow. */
export function allowedOwners(home: ConfigLocation, layers: ReadonlyArray<{ location: ConfigLocation; config: Record<string, unknown> }>): string[] {
  const owners = new Set([home.owner.toLowerCase()]);
  // Only layers of the home owner may widen the list: a file of another owner cannot invite a third.
  for (const { location, config } of layers) {
    if (location.owner.toLowerCase() !== home.owner.toLowerCase()) continue;
    const listed = config[EXTENDS_ALLOWED_OWNERS_KEY];
    if (Array.isArray(listed)) for (const owner of listed) if (typeof owner === 'string') owners.add(owner.toLowerCase());
  }
  return [...owners];
}

/**
 * Why the hop from the last file of `chain` to `next` may not be taken, or undefined when it may:
 * the chain would pass `MAX_EXTENDS_HOPS`, `next` is already in it (a loop), or `next` belongs to
 * an owner that is not allowed. `hops` counts the `_extends` already followed.
 */
export function refuseHop(chain: readonly ConfigLocation[], hops: number, next: ConfigLocation, owners: readonly string[]): string | undefined {
  const shown = [...chain, next].map(formatLocation).join(' -> ');
  const same = (a: ConfigLocation, b: ConfigLocation): boolean => a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase() && a.path === b.path;
  if (chain.some((location) => same(location, next))) {
    return `_extends loops: ${shown}; remove the _extends that leads back`;
  }
  if (hops >= MAX_EXTENDS_HOPS) {
    return `_extends goes more than ${MAX_EXTENDS_HOPS} levels deep: ${shown}; ${formatLocation(next)} was not read. Point _extends at the shared config directly`;
  }
  if (!owners.includes(next.owner.toLowerCase())) {
    const from = chain[chain.length - 1]!;
    return `${formatLocation(from)} extends ${formatLocation(next)}, a repository of another owner (${next.owner}), which was not read: only repositories of ${chain[0]!.owner} may be extended unless its config lists "${next.owner}" in ${EXTENDS_ALLOWED_OWNERS_KEY}`;
  }
  return undefined;
}
