import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MaestroError } from '../../core/errors.js';
import { parseS3Url } from '../../adapters/store/s3-location.js';
import { parseDurationMs } from '../../core/util/duration.js';

/** The drift sweep's settings; the sweep is off unless DRIFT_SWEEP_INTERVAL or DRIFT_TEMPLATE is set. */
export interface DriftEnv {
  /** Milliseconds between the ends of two timed sweeps; absent: sweeps only run when dispatched. */
  intervalMs?: number;
  /** The CI template: a workflow file, a folder of them, or a checkout of the template repository. */
  template: string;
  /** How the drift-reports name the template (default: the DRIFT_TEMPLATE path). */
  templateSource: string;
  /**
   * owner/name of the repository the template comes from (DRIFT_TEMPLATE_REPO, default
   * maestro-conductor/maestro-conductor): its own workflows and actions are compared by the release
   * they pin, read from the git history of the DRIFT_TEMPLATE checkout.
   */
  templateRepo: string;
  /** List what would be done, open or close nothing. */
  dryRun: boolean;
  /** Evidence store URL (s3://... with Object Lock, or file:///...) receiving each sweep's reports; absent: reports are only logged. */
  evidenceStore?: string;
  /** Repository of an installation's account whose repository_dispatch starts a sweep: a name (default .github) or null (DRIFT_DISPATCH_REPO=none). */
  dispatchRepo: string | null;
  /**
   * The drift-fix App (app-drift.yml), which alone may write fix branches and pull requests;
   * absent: drift is only reported, with the command that fixes it by hand.
   */
  fixApp?: { appId: number; privateKey: string };
}

/** Shortest interval: one sweep of 1,000 repositories takes minutes and a share of the hourly rate limit. */
const MIN_INTERVAL_MS = 5 * 60_000;

/** owner/name, as GitHub spells repositories. */
const OWNER_NAME = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

/** GitHub's repository name pattern. */
const REPO_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

/**
 * Reads DRIFT_SWEEP_INTERVAL (ISO 8601, such as PT24H; unset: no timed sweeps), DRIFT_TEMPLATE,
 * DRIFT_TEMPLATE_SOURCE, DRIFT_TEMPLATE_REPO (owner/name), DRIFT_DRY_RUN (true or false), DRIFT_EVIDENCE_STORE (an s3:// or file://
 * store URL), DRIFT_DISPATCH_REPO (a repository name, or none), and DRIFT_APP_ID with
 * DRIFT_PRIVATE_KEY or DRIFT_PRIVATE_KEY_PATH (the drift-fix App; unset: report only). Every
 * problem names the variable.
 */
export function readDriftEnv(env: NodeJS.ProcessEnv, now: Date = new Date()): DriftEnv | undefined {
  const interval = env.DRIFT_SWEEP_INTERVAL?.trim();
  const template = env.DRIFT_TEMPLATE?.trim() ?? '';
  if (!interval && !template) return undefined;
  const problems: string[] = [];
  const intervalMs = interval ? (parseDurationMs(interval) ?? 0) : undefined;
  if (intervalMs !== undefined && intervalMs < MIN_INTERVAL_MS) problems.push(`DRIFT_SWEEP_INTERVAL must be an ISO 8601 duration of at least PT5M, such as PT24H, got ${JSON.stringify(interval)}`);
  if (!template) problems.push('DRIFT_TEMPLATE is not set (the CI template: a workflow file, a folder of workflows, or a checkout of the template repository)');
  const templateRepo = env.DRIFT_TEMPLATE_REPO?.trim() || 'maestro-conductor/maestro-conductor';
  if (!OWNER_NAME.test(templateRepo)) problems.push(`DRIFT_TEMPLATE_REPO must be the template's repository as owner/name, got ${JSON.stringify(env.DRIFT_TEMPLATE_REPO)}`);
  const dryRun = (env.DRIFT_DRY_RUN ?? 'false').trim().toLowerCase();
  if (dryRun !== 'true' && dryRun !== 'false') problems.push(`DRIFT_DRY_RUN must be true or false, got ${JSON.stringify(env.DRIFT_DRY_RUN)}`);
  const evidenceStore = env.DRIFT_EVIDENCE_STORE?.trim() || undefined;
  if (evidenceStore !== undefined) {
    const problem = storeUrlProblem(evidenceStore, now);
    if (problem) problems.push(`DRIFT_EVIDENCE_STORE ${problem}`);
  }
  const dispatch = env.DRIFT_DISPATCH_REPO?.trim() || '.github';
  if (dispatch !== 'none' && !REPO_NAME.test(dispatch)) problems.push(`DRIFT_DISPATCH_REPO must be a repository name of the installation's account, such as .github, or none, got ${JSON.stringify(env.DRIFT_DISPATCH_REPO)}`);
  const fixApp = readFixApp(env, problems);
  if (problems.length > 0) throw new MaestroError('ENV_INVALID', `the drift sweep cannot start: ${problems.join('; ')}`, { remedy: 'set the DRIFT_* variables described in .env.example, or unset DRIFT_SWEEP_INTERVAL and DRIFT_TEMPLATE to turn the sweep off.' });
  return {
    ...(intervalMs === undefined ? {} : { intervalMs }),
    template,
    templateSource: env.DRIFT_TEMPLATE_SOURCE?.trim() || template,
    templateRepo,
    dryRun: dryRun === 'true',
    ...(evidenceStore ? { evidenceStore } : {}),
    dispatchRepo: dispatch === 'none' ? null : dispatch,
    ...(fixApp ? { fixApp } : {}),
  };
}

/**
 * DRIFT_APP_ID with DRIFT_PRIVATE_KEY (or DRIFT_PRIVATE_KEY_PATH): the drift-fix App's identity.
 * Both or neither; the key is read as APP_ID's is (PEM, base64, or with literal \n).
 */
function readFixApp(env: NodeJS.ProcessEnv, problems: string[]): DriftEnv['fixApp'] {
  const idText = env.DRIFT_APP_ID?.trim() ?? '';
  let key = env.DRIFT_PRIVATE_KEY?.trim() ?? '';
  const keyPath = env.DRIFT_PRIVATE_KEY_PATH?.trim() ?? '';
  if (!idText && !key && !keyPath) return undefined;
  const appId = Number(idText);
  if (!idText) problems.push('DRIFT_PRIVATE_KEY is set without DRIFT_APP_ID (the drift-fix App\'s numeric id, from its settings page)');
  else if (!Number.isSafeInteger(appId) || appId <= 0) problems.push(`DRIFT_APP_ID must be the drift-fix App's numeric id, got ${JSON.stringify(idText)}`);
  if (!key && keyPath) {
    try {
      key = readFileSync(keyPath, 'utf8');
    } catch (error) {
      problems.push(`DRIFT_PRIVATE_KEY_PATH ${keyPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  } else if (!key) problems.push('DRIFT_APP_ID is set without DRIFT_PRIVATE_KEY or DRIFT_PRIVATE_KEY_PATH (a private key of the drift-fix App)');
  if (key && !key.includes('-----BEGIN')) {
    const decoded = Buffer.from(key, 'base64').toString('utf8');
    if (decoded.includes('-----BEGIN')) key = decoded;
  }
  key = key.replace(/\\n/g, '\n');
  if (key && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) problems.push('the drift-fix App\'s private key is not a PEM private key (generate one on the drift-fix App\'s settings page)');
  return idText && key && appId > 0 ? { appId, privateKey: key } : undefined;
}

/** Why a store URL cannot be used, or undefined: only s3:// and absolute file:// URLs (a relative folder would depend on where the app starts). */
function storeUrlProblem(url: string, now: Date): string | undefined {
  if (url.startsWith('s3://')) {
    try {
      parseS3Url(url, now);
      return undefined;
    } catch (error) {
      return `is not usable: ${(error as Error).message}`;
    }
  }
  if (url.startsWith('file://')) {
    try {
      fileURLToPath(url);
      return undefined;
    } catch {
      return `${JSON.stringify(url)} is not a valid file URL (write file:///absolute/path)`;
    }
  }
  return `must be an s3://<bucket>/<prefix>?... or file:///<path> URL, got ${JSON.stringify(url)}`;
}
