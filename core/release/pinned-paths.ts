import { parse } from 'yaml';

/** Reads one file of the repository at a commit; undefined when the commit does not hold it. */
export type ReadAt = (path: string) => string | undefined;

/** `a/b/../c` to `a/c`, for paths inside the repository (POSIX separators, no leading slash). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * The scripts an action.yml runs, as repository paths: `runs.main`, `runs.pre` and `runs.post` of a
 * JavaScript action, and for a composite one each step that runs `node "$GITHUB_ACTION_PATH/..."`.
 */
export function scriptsOfAction(actionYml: string, actionPath: string): string[] {
  let doc: { runs?: { main?: unknown; pre?: unknown; post?: unknown; steps?: Array<{ run?: unknown }> } } | undefined;
  try {
    doc = parse(actionYml) as typeof doc;
  } catch {
    return [];
  }
  const dir = dirOf(actionPath);
  const runs = doc?.runs ?? {};
  const named = [runs.main, runs.pre, runs.post].filter((s): s is string => typeof s === 'string');
  const composite = (runs.steps ?? []).flatMap((step) => (typeof step.run === 'string' ? [...step.run.matchAll(/\bnode\s+"?\$(?:GITHUB_ACTION_PATH|\{GITHUB_ACTION_PATH\})\/([^"\s]+)"?/g)].map((m) => m[1]!) : []));
  return [...named, ...composite].map((script) => normalizePath(`${dir}/${script}`));
}

/** Relative imports of JavaScript files in an ES module bundle (static `from "./x.js"` and dynamic `import("./x.js")`), as repository paths. */
export function importsOf(js: string, path: string): string[] {
  const dir = dirOf(path);
  return [...js.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.\.?\/[^"']+\.[cm]?js)["']/g)].map((m) => normalizePath(`${dir}/${m[1]}`));
}

/**
 * Every file a script loads at `read`'s commit, itself included, following its relative imports,
 * plus the package.json beside it that makes `.js` an ES module. Files that cannot be read are
 * listed too, so the caller reports them missing.
 */
export function closureOf(script: string, read: ReadAt): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = read(file);
    if (text !== undefined && file.endsWith('.js')) for (const next of importsOf(text, file)) visit(next);
  };
  visit(script);
  const manifest = normalizePath(`${dirOf(script)}/package.json`);
  if (read(manifest) !== undefined) seen.add(manifest);
  return [...seen];
}

/** What the `maestro-ref` and `template-ref` inputs of the reusable workflows check out and use. */
export const DEFAULT_PIN_PATHS: Readonly<Record<string, readonly string[]>> = {
  'maestro-ref': ['package.json', 'package-lock.json', 'bin/maestro.cjs', 'cli/main.ts'],
  'template-ref': ['templates'],
};
