/** A repository named by a git remote URL: the host it lives on and its `owner/name`. */
export interface GitHubRemote {
  host: string;
  repo: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Reads `owner/name` from a git remote URL of GitHub or a GitHub Enterprise Server host, in the
 * forms `git remote -v` shows: `https://host/owner/name(.git)`, `ssh://git@host[:port]/owner/name(.git)`,
 * `git@host:owner/name(.git)` (scp-like) and `git://host/owner/name`. Anything else, such as a local
 * path or a URL with more than two path segments (GitLab subgroups), gives `undefined`.
 */
export function parseGitHubRemote(url: string): GitHubRemote | undefined {
  const text = url.trim();
  if (!text.includes('://')) {
    // scp-like `[user@]host:path`, which git reads as ssh; a local path has no `host:` before a slash.
    const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(.+)$/.exec(text);
    return scp ? fromPath(scp[1]!, scp[2]!) : undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol) || !parsed.hostname) return undefined;
  return fromPath(parsed.hostname, parsed.pathname);
}

function fromPath(host: string, path: string): GitHubRemote | undefined {
  const segments = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '').split('/');
  if (segments.length !== 2) return undefined;
  const [owner, name] = segments as [string, string];
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return undefined;
  return { host: host.toLowerCase(), repo: `${owner}/${name}` };
}
