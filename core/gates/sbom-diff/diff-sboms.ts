import type { ComponentChange, ParsedSbom, SbomComponent } from './types.js';

/** The differences between two SBOMs, matched by package URL without its version. */
export interface SbomDiff {
  added: SbomComponent[];
  removed: SbomComponent[];
  versionChanged: ComponentChange<string>[];
  licenseChanged: ComponentChange<string[]>[];
  /** Head components that are new to the change (added, or of another version or license): the policy is checked on these. */
  introduced: { component: SbomComponent; before?: SbomComponent }[];
}

/** A package URL without its version (`pkg:npm/%40scope/name@1.2.3?x=y` becomes `pkg:npm/%40scope/name?x=y`): the identity of a package. */
export function packageKey(purl: string): string {
  const m = /^([^@?#]+)(?:@[^?#]*)?(.*)$/.exec(purl);
  return m ? `${m[1]}${m[2]}` : purl;
}

/**
 * Diffs base and head in one pass over each: a package present once on each side with another
 * version is a version change; a package present in several versions (npm trees often hold two)
 * has its versions added and removed one by one; the same version with other licenses is a
 * license change. Lists are sorted by purl.
 */
export function diffSboms(base: ParsedSbom, head: ParsedSbom): SbomDiff {
  const group = (sbom: ParsedSbom): Map<string, SbomComponent[]> => {
    const out = new Map<string, SbomComponent[]>();
    for (const c of sbom.components.values()) {
      const key = packageKey(c.purl);
      const list = out.get(key);
      if (list) list.push(c);
      else out.set(key, [c]);
    }
    return out;
  };
  const before = group(base);
  const after = group(head);
  const diff: SbomDiff = { added: [], removed: [], versionChanged: [], licenseChanged: [], introduced: [] };
  const licenseChange = (from: SbomComponent, to: SbomComponent): void => {
    if (from.licenses.join('\n') !== to.licenses.join('\n')) diff.licenseChanged.push({ purl: to.purl, name: to.name, from: from.licenses, to: to.licenses });
  };
  for (const [key, heads] of after) {
    const bases = before.get(key) ?? [];
    if (bases.length === 1 && heads.length === 1 && bases[0]!.version !== heads[0]!.version) {
      const [from, to] = [bases[0]!, heads[0]!];
      diff.versionChanged.push({ purl: to.purl, name: to.name, from: from.version ?? '', to: to.version ?? '' });
      licenseChange(from, to);
      diff.introduced.push({ component: to, before: from });
      continue;
    }
    const baseByVersion = new Map(bases.map((c) => [c.version ?? '', c]));
    for (const to of heads) {
      const from = baseByVersion.get(to.version ?? '');
      if (!from) {
        diff.added.push(to);
        diff.introduced.push({ component: to });
        continue;
      }
      baseByVersion.delete(to.version ?? '');
      if (from.licenses.join('\n') !== to.licenses.join('\n')) {
        licenseChange(from, to);
        diff.introduced.push({ component: to, before: from });
      }
    }
    diff.removed.push(...baseByVersion.values());
  }
  for (const [key, bases] of before) if (!after.has(key)) diff.removed.push(...bases);
  const byPurl = (a: { purl: string }, b: { purl: string }): number => (a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0);
  diff.added.sort(byPurl);
  diff.removed.sort(byPurl);
  diff.versionChanged.sort(byPurl);
  diff.licenseChanged.sort(byPurl);
  return diff;
}
