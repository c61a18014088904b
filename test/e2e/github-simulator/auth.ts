import { randomBytes, verify } from 'node:crypto';
import { DOCS_URL, HttpError } from './http-error.js';
import type { SimAccount, SimInstallation, SimRepository, SimToken } from './model.js';
import type { AppPermissions } from './openapi.js';
import { isoTime, type SimulatorState } from './state.js';

/** Who a request speaks for, from its Authorization header. */
export type Principal =
  | { kind: 'app' }
  | { kind: 'installation'; token: SimToken; installation: SimInstallation }
  | { kind: 'workflow'; token: SimToken }
  | { kind: 'user'; token: SimToken; account: SimAccount }
  | { kind: 'anonymous' }
  | { kind: 'invalid'; error: HttpError };

/** GitHub's longest JWT lifetime: ten minutes. */
const MAX_JWT_SECONDS = 600;
/** Installation tokens live an hour. */
const TOKEN_SECONDS = 3600;

function unauthorized(message: string): HttpError {
  return new HttpError(401, { message, documentation_url: DOCS_URL });
}

/**
 * Checks an app JWT as GitHub does: RS256, signed by the app's key, `iss` the app id, `iat` not in
 * the future and `exp` in the next ten minutes, by the simulator's clock. The messages are GitHub's,
 * so Octokit's clock-skew retry (which reads the `date` header) works against the simulator too.
 */
export function checkAppJwt(state: SimulatorState, jwt: string): HttpError | undefined {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return unauthorized('A JSON web token could not be decoded');
  let claims: { iat?: unknown; exp?: unknown; iss?: unknown };
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return unauthorized('A JSON web token could not be decoded');
  }
  const key = state.app.publicKey;
  const signed = alg === 'RS256' && key !== undefined && verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  if (!signed || String(claims.iss) !== String(state.app.id)) return unauthorized('A JSON web token could not be decoded');
  const now = Math.floor(state.clock().getTime() / 1000);
  if (typeof claims.iat !== 'number' || claims.iat > now + 60) return unauthorized("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
  if (typeof claims.exp !== 'number' || claims.exp <= now) return unauthorized("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
  if (claims.exp > now + MAX_JWT_SECONDS + 60) return unauthorized("'Expiration time' claim ('exp') is too far in the future");
  return undefined;
}

/** Reads the Authorization header: `Bearer <jwt>`, `token <token>` or `Bearer <token>`. */
export function principalOf(state: SimulatorState, authorization: string | undefined): Principal {
  if (!authorization) return { kind: 'anonymous' };
  const [scheme, credential] = authorization.trim().split(/\s+/, 2);
  if (!credential || !/^(bearer|token)$/i.test(scheme ?? '')) return { kind: 'invalid', error: unauthorized('Bad credentials') };
  if (credential.split('.').length === 3 && credential.startsWith('eyJ')) {
    const error = checkAppJwt(state, credential);
    return error ? { kind: 'invalid', error } : { kind: 'app' };
  }
  const token = state.tokens.get(credential);
  if (!token || Date.parse(token.expiresAt) <= state.clock().getTime()) return { kind: 'invalid', error: unauthorized('Bad credentials') };
  if (token.kind === 'user') return { kind: 'user', token, account: state.account(token.login ?? '') };
  if (token.kind === 'workflow') return { kind: 'workflow', token };
  const installation = state.installations.get(token.installationId ?? -1);
  return installation ? { kind: 'installation', token, installation } : { kind: 'invalid', error: unauthorized('Bad credentials') };
}

/** A token string as GitHub formats them: a prefix and 36 base62 characters (the only random content). */
function tokenString(prefix: 'ghs' | 'ghp'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `${prefix}_${[...randomBytes(36)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Issues an installation token, limited to some repositories and permissions when the request asks. */
export function issueInstallationToken(state: SimulatorState, installation: SimInstallation, request: { repositories?: string[]; permissions?: AppPermissions }): SimToken {
  const now = state.clock();
  const token: SimToken = {
    token: tokenString('ghs'),
    kind: 'installation',
    installationId: installation.id,
    ...(request.repositories ? { repositories: new Set(request.repositories.map((r) => `${installation.account.login}/${r}`.toLowerCase())) } : {}),
    permissions: request.permissions ?? installation.permissions,
    createdAt: isoTime(now),
    expiresAt: isoTime(new Date(now.getTime() + TOKEN_SECONDS * 1000)),
  };
  state.tokens.set(token.token, token);
  return token;
}

/** Issues a person's token (as a personal access token would act), for tests of what people do. */
export function issueUserToken(state: SimulatorState, login: string): SimToken {
  state.account(login);
  const now = state.clock();
  const token: SimToken = { token: tokenString('ghp'), kind: 'user', login, permissions: {}, createdAt: isoTime(now), expiresAt: isoTime(new Date(now.getTime() + 365 * 86_400_000)) };
  state.tokens.set(token.token, token);
  return token;
}

/** A workflow's GITHUB_TOKEN: GitHub Actions' installation token for one repository, acting as github-actions[bot]. */
export function issueWorkflowToken(state: SimulatorState, repo: SimRepository, permissions: AppPermissions): SimToken {
  const now = state.clock();
  const token: SimToken = { token: tokenString('ghs'), kind: 'workflow', repositories: new Set([repo.fullName.toLowerCase()]), permissions, createdAt: isoTime(now), expiresAt: isoTime(new Date(now.getTime() + 6 * TOKEN_SECONDS * 1000)) };
  state.tokens.set(token.token, token);
  return token;
}

/** Whether the credential may see the repository at all (GitHub answers 404 when not). */
export function canSee(state: SimulatorState, principal: Principal, repo: SimRepository): boolean {
  if (principal.kind === 'workflow') return principal.token.repositories?.has(repo.fullName.toLowerCase()) ?? false;
  if (principal.kind === 'installation') {
    return state.installationOf(repo)?.id === principal.installation.id && (!principal.token.repositories || principal.token.repositories.has(repo.fullName.toLowerCase()));
  }
  if (principal.kind === 'user') return !repo.private || repo.owner.id === principal.account.id || repo.collaborators.has(principal.account.login.toLowerCase());
  return false;
}

/** Whether an installation or workflow token holds a permission at the level needed (`write` covers `read`). */
export function holds(principal: Principal, permission: [keyof AppPermissions, 'read' | 'write']): boolean {
  if (principal.kind !== 'installation' && principal.kind !== 'workflow') return true;
  const granted = principal.token.permissions[permission[0]];
  return granted === 'write' || granted === 'admin' || (granted === 'read' && permission[1] === 'read');
}
