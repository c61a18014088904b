/** Access levels of a GITHUB_TOKEN scope, weakest first. */
const LEVELS = ['none', 'read', 'write'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Token scopes GitHub knows. Scopes a block names that are not listed here are compared too, so a
 * scope GitHub adds later is not missed.
 */
const SCOPES = ['actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'models', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses'];

/**
 * The level a `permissions:` value grants to one scope. An absent block gives the repository's
 * default token permissions, which may be write-all: it is compared as write, the worst case.
 */
export function scopeLevel(permissions: unknown, scope: string): Level {
  if (permissions === undefined || permissions === null || permissions === 'write-all') return 'write';
  if (permissions === 'read-all') return scope === 'id-token' ? 'none' : 'read';
  if (typeof permissions === 'object' && !Array.isArray(permissions)) {
    const value = (permissions as Record<string, unknown>)[scope];
    return value === 'read' || value === 'write' ? value : 'none';
  }
  return 'write';
}

/** Scopes that `actual` grants more of than `expected`, with both levels, in a stable order. */
export function widenedScopes(expected: unknown, actual: unknown): Array<{ scope: string; expected: Level; actual: Level }> {
  const names = new Set([...SCOPES, ...keysOf(expected), ...keysOf(actual)]);
  return [...names]
    .sort()
    .map((scope) => ({ scope, expected: scopeLevel(expected, scope), actual: scopeLevel(actual, scope) }))
    .filter((s) => LEVELS.indexOf(s.actual) > LEVELS.indexOf(s.expected));
}

/**
 * Scopes that `actual` grants less of than `expected`, with both levels. A template that sets no
 * permissions leaves them to the repository, so nothing is missing then.
 */
export function narrowedScopes(expected: unknown, actual: unknown): Array<{ scope: string; expected: Level; actual: Level }> {
  if (expected === undefined || expected === null) return [];
  const names = new Set([...SCOPES, ...keysOf(expected), ...keysOf(actual)]);
  return [...names]
    .sort()
    .map((scope) => ({ scope, expected: scopeLevel(expected, scope), actual: scopeLevel(actual, scope) }))
    .filter((s) => LEVELS.indexOf(s.actual) < LEVELS.indexOf(s.expected));
}

/** A `permissions:` value in one line, as the report quotes it. */
export function describePermissions(permissions: unknown): string {
  if (permissions === undefined || permissions === null) return 'not set (the repository default, possibly write-all)';
  if (typeof permissions === 'string') return permissions;
  const entries = Object.entries(permissions as Record<string, unknown>);
  return entries.length === 0 ? '{} (no access)' : entries.map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

function keysOf(permissions: unknown): string[] {
  return permissions && typeof permissions === 'object' && !Array.isArray(permissions) ? Object.keys(permissions) : [];
}
