import picomatch from 'picomatch';

/** Regular expressions (source, flags) of globs compiled ahead of time, by glob. */
export type PrecompiledGlobs = Record<string, [string, string]>;

/** The picomatch options every glob of a control is read with: dotfiles such as .github/ included. */
export const GLOB_OPTIONS = { dot: true } as const;

interface Matcher {
  /** Text every matching path contains; when a path lacks it, the regular expression need not run. */
  literal: string;
  re: RegExp;
}

const cache = new Map<string, Matcher>();
let precompiled: PrecompiledGlobs = {};

/** Registers globs compiled at build time (the shipped catalog's), so matching them compiles nothing. */
export function usePrecompiledGlobs(globs: PrecompiledGlobs): void {
  precompiled = globs;
}

/**
 * Whether a repo-relative path matches a glob, with picomatch's semantics. Each glob becomes a
 * regular expression once per process (ahead of time for the shipped catalog); a path that lacks
 * the glob's longest literal text is refused without running it, so most expressions are never
 * executed, and V8 never compiles them.
 */
export function matchesGlob(glob: string, path: string): boolean {
  let matcher = cache.get(glob);
  if (!matcher) {
    const known = precompiled[glob];
    matcher = { literal: requiredLiteral(glob), re: known ? new RegExp(known[0], known[1]) : picomatch.makeRe(glob, GLOB_OPTIONS) };
    cache.set(glob, matcher);
  }
  return path.includes(matcher.literal) && matcher.re.test(path);
}

/**
 * The longest run of plain characters in a glob outside braces, brackets and extglob groups: any
 * path the glob matches contains it verbatim. Empty (no filtering) for negated globs, whose
 * matches are the paths that do *not* contain it.
 */
export function requiredLiteral(glob: string): string {
  if (glob.startsWith('!')) return '';
  let best = '';
  let run = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '{' || c === '[' || c === '(') depth++;
    if (depth === 0 && !'*?\\|!+@,'.includes(c) && c !== '}' && c !== ']' && c !== ')') {
      run += c;
      if (run.length > best.length) best = run;
    } else {
      run = '';
    }
    if ((c === '}' || c === ']' || c === ')') && depth > 0) depth--;
  }
  // A leading or trailing slash next to ** may match nothing (`**/a` matches `a`): drop it.
  return best.replace(/^\/+|\/+$/g, '');
}
