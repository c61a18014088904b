import { MaestroError } from '../../core/errors.js';

/** The ways to authenticate to Prometheus; at most one is given. */
export interface PrometheusCredentials {
  /** A ready Authorization header value, such as "Bearer <token>". */
  authorization?: string;
  /** A bearer token, sent as "Bearer <token>". */
  token?: string;
  /** User name and password for basic auth (RFC 7617), such as a Grafana Cloud or Mimir tenant and its API key. */
  username?: string;
  password?: string;
}

/** The Authorization header to send, and every string that must be masked in logs. */
export interface PrometheusAuthorization {
  authorization?: string;
  secrets: string[];
}

/**
 * The Authorization header for Prometheus from the credentials given: a bearer token, a user name
 * and password, or a header value as is. Two ways at once, or half of a user name and password,
 * is a usage error rather than a guess at which one was meant.
 */
export function prometheusAuthorization(credentials: PrometheusCredentials, names: Record<keyof PrometheusCredentials, string>): PrometheusAuthorization {
  const { authorization, token, username, password } = credentials;
  const given = [authorization && names.authorization, token && names.token, (username || password) && `${names.username} and ${names.password}`].filter(Boolean);
  if (given.length > 1) throw new MaestroError('USAGE', `Prometheus credentials are given twice: ${given.join(', ')}`, { remedy: 'give one way to authenticate to Prometheus: a bearer token, or a user name and password.' });
  if (Boolean(username) !== Boolean(password)) {
    const missing = username ? names.password : names.username;
    throw new MaestroError('USAGE', `basic auth for Prometheus needs both ${names.username} and ${names.password}; ${missing} is empty`, { remedy: `set ${missing}, or use a bearer token instead.` });
  }
  for (const [key, value] of Object.entries(credentials) as Array<[keyof PrometheusCredentials, string | undefined]>) {
    // A line break would end the header early: Node refuses it, and a proxy might split the request.
    if (value && /[\r\n\0]/.test(value)) throw new MaestroError('USAGE', `the ${names[key]} for Prometheus contains a line break`, { remedy: 'store the secret without a trailing newline (such as printf %s, not echo).' });
  }
  if (username?.includes(':')) throw new MaestroError('USAGE', `the ${names.username} for Prometheus contains a colon, which basic auth cannot carry`, { remedy: 'check the user name (a colon separates it from the password in basic auth).' });
  if (token) return { authorization: `Bearer ${token}`, secrets: [token, `Bearer ${token}`] };
  if (username && password) {
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    return { authorization: `Basic ${encoded}`, secrets: [password, encoded, `Basic ${encoded}`] };
  }
  return authorization ? { authorization, secrets: [authorization] } : { secrets: [] };
}
