/** Where Chromium is looked for when no path is given: the runner's Chrome first, then Debian's chromium. */
export const BROWSER_CANDIDATES = ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/chromium'];

/**
 * The browser executable the scan launches: the given path, else `$CHROME_BIN` (set on GitHub's
 * hosted runners to their Chrome), else the first of {@link BROWSER_CANDIDATES} that exists, else
 * `/usr/bin/chromium` (whose absence the launch then reports with its remedy).
 */
export function resolveBrowserPath(given: string | undefined, env: NodeJS.ProcessEnv, exists: (path: string) => boolean): string {
  if (given) return given;
  if (env.CHROME_BIN && exists(env.CHROME_BIN)) return env.CHROME_BIN;
  return BROWSER_CANDIDATES.find(exists) ?? '/usr/bin/chromium';
}
