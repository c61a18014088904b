import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MaestroError } from '../core/errors.js';
import { parseDurationMs } from '../core/util/duration.js';
import { isDateTime } from '../core/util/is-date-time.js';

/** The app's settings, from environment variables (see .env.example). */
export interface AppEnv {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  port: number;
  host: string;
  webhookPath: string;
  webhookProxyUrl?: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** Milliseconds a queued evaluation waits for more events of the same commit. */
  queueDelayMs: number;
  /** Redis for the durable queue, shared state and shared throttling of several replicas; absent: in-process. */
  redisUrl?: string;
  /** With Redis: milliseconds after which a dead replica's evaluation is taken over by another. */
  queueLockMs: number;
  /** Store URL of the audit ledger (file:// folder or s3:// bucket with Object Lock). */
  ledgerStore: string;
  /** Store URL (file:// folder or s3:// bucket) where each evaluated PR's decision log is kept write-once; absent: none is kept. */
  decisionLogStore?: string;
  /** Milliseconds between looks for expired waivers. */
  waiverCheckMs: number;
  /** GitHub's REST API: `https://api.github.com`, or `<GHE_PROTOCOL>://<GHE_HOST>/api/v3` for GitHub Enterprise Server. */
  baseUrl: string;
  /** Where MAESTRO_NOW sets the app's clock to start (tests and reproductions); absent: the system clock. */
  clockStart?: string;
}

/** The largest webhook body GitHub sends: it caps payloads at 25 MB. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/** GHE_HOST: a host name with an optional port, no scheme or path (Probot's setting). */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/**
 * Reads and checks the environment. Every problem names the variable and what to set; nothing
 * starts with a missing secret (Probot would fall back to the public "development" secret).
 */
export function readEnv(env: NodeJS.ProcessEnv): AppEnv {
  const problems: string[] = [];
  const need = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const appIdText = need('APP_ID');
  const appId = Number(appIdText);
  if (appIdText && (!Number.isSafeInteger(appId) || appId <= 0)) problems.push(`APP_ID must be the app's numeric id, got ${JSON.stringify(appIdText)}`);

  let privateKey = env.PRIVATE_KEY?.trim() ?? '';
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
    } catch (error) {
      problems.push(`PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  } else if (!privateKey) problems.push('neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set');
  // Keys pasted on one line (base64, or with literal \n) are accepted, as GitHub's docs suggest.
  if (privateKey && !privateKey.includes('-----BEGIN')) {
    const decoded = Buffer.from(privateKey, 'base64').toString('utf8');
    if (decoded.includes('-----BEGIN')) privateKey = decoded;
  }
  privateKey = privateKey.replace(/\\n/g, '\n');
  if (privateKey && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) problems.push('the private key is not a PEM private key (download it from the app settings page: "Generate a private key")');

  const webhookSecret = need('WEBHOOK_SECRET');
  if (webhookSecret === 'development') problems.push('WEBHOOK_SECRET is "development", a publicly known value; set the secret entered in the app settings');

  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(env.PORT)}`);
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(env.LOG_LEVEL)}`);
  const delay = Number(env.QUEUE_DELAY_MS ?? '3000');
  if (!Number.isInteger(delay) || delay < 0 || delay > 600_000) problems.push(`QUEUE_DELAY_MS must be 0 to 600000 milliseconds, got ${JSON.stringify(env.QUEUE_DELAY_MS)}`);

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) problems.push(`REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(redisUrl)}`);
  const lock = Number(env.QUEUE_LOCK_MS ?? '30000');
  if (!Number.isInteger(lock) || lock < 1000 || lock > 600_000) problems.push(`QUEUE_LOCK_MS must be 1000 to 600000 milliseconds, got ${JSON.stringify(env.QUEUE_LOCK_MS)}`);

  const ledgerStore = env.LEDGER_STORE?.trim() || pathToFileURL(resolve('.maestro/ledger')).href;
  if (!/^(file|s3):\/\/\S+$/.test(ledgerStore)) problems.push(`LEDGER_STORE must be a file:// or s3:// URL, got ${JSON.stringify(ledgerStore)}`);
  const decisionLogStore = env.DECISION_LOG_STORE?.trim() || undefined;
  if (decisionLogStore && !/^(file|s3):\/\/\S+$/.test(decisionLogStore)) problems.push(`DECISION_LOG_STORE must be a file:// or s3:// URL, got ${JSON.stringify(decisionLogStore)}`);
  const waiverCheck = env.WAIVER_CHECK_INTERVAL?.trim() || 'PT10M';
  const waiverCheckMs = parseDurationMs(waiverCheck) ?? 0;
  if (waiverCheckMs < 60_000 || waiverCheckMs > 86_400_000) problems.push(`WAIVER_CHECK_INTERVAL must be an ISO 8601 duration from PT1M to P1D, such as PT10M, got ${JSON.stringify(waiverCheck)}`);

  const gheHost = env.GHE_HOST?.trim();
  const gheProtocol = (env.GHE_PROTOCOL?.trim() || 'https').toLowerCase();
  if (gheHost && !HOST.test(gheHost)) problems.push(`GHE_HOST must be the host name of your GitHub Enterprise Server (such as github.example.com, or host:port), got ${JSON.stringify(gheHost)}`);
  if (gheProtocol !== 'https' && gheProtocol !== 'http') problems.push(`GHE_PROTOCOL must be https or http, got ${JSON.stringify(env.GHE_PROTOCOL)}`);
  const clockStart = env.MAESTRO_NOW?.trim() || undefined;
  if (clockStart && !isDateTime(clockStart)) problems.push(`MAESTRO_NOW must be an RFC 3339 time such as 2026-11-20T12:00:00Z, got ${JSON.stringify(clockStart)}`);

  if (problems.length > 0) {
    throw new MaestroError('ENV_INVALID', `the app cannot start: ${problems.join('; ')}`, { remedy: 'set the variables described in .env.example (copy it to .env for local runs), then start again.' });
  }
  return {
    appId,
    privateKey,
    webhookSecret,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    webhookPath: env.WEBHOOK_PATH?.trim() || '/api/github/webhooks',
    ...(env.WEBHOOK_PROXY_URL ? { webhookProxyUrl: env.WEBHOOK_PROXY_URL } : {}),
    logLevel: level as AppEnv['logLevel'],
    queueDelayMs: delay,
    ...(redisUrl ? { redisUrl } : {}),
    queueLockMs: lock,
    ledgerStore,
    ...(decisionLogStore ? { decisionLogStore } : {}),
    waiverCheckMs,
    baseUrl: gheHost ? `${gheProtocol}://${gheHost}/api/v3` : 'https://api.github.com',
    ...(clockStart ? { clockStart } : {}),
  };
}
