import { readFileSync, statSync } from 'node:fs';
import type { ReportContext } from '../../core/evidence/build-report.js';
import type { EvidenceSubject } from '../../core/evidence/types.js';
import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { parseGitHubRemote } from '../../core/git/parse-github-remote.js';
import type { Checkout } from '../git/read-checkout.js';

/** Subject fields given explicitly (command-line options or action inputs); they win over the environment. */
export interface SubjectOverrides {
  repo?: string;
  sha?: string;
  pr?: string;
  ref?: string;
}

/** Where the subject comes from when neither an option nor the environment names it (the CLI by hand). */
export interface SubjectDefaults {
  /** The checkout the command runs in: `origin` gives the repository, `HEAD` the commit. Not read inside GitHub Actions. */
  checkout?: Checkout;
  /** Receives one line per value read from the checkout, saying where it was taken from. */
  note?: (line: string) => void;
}

const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const SHA = /^[0-9a-f]{40}$/;
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/**
 * The envelope context of a report made now by `producerName`: the subject from the overrides, else
 * from the GitHub Actions environment, else (by hand, outside GitHub Actions) from the checkout's
 * `origin` remote and `HEAD`. In a pull_request run GITHUB_SHA is the merge commit, which no gate
 * asks about, so the PR's head commit and number are read from the event payload instead.
 */
export function resolveReportContext(producerName: string, overrides: SubjectOverrides, env: NodeJS.ProcessEnv, now = new Date(), defaults: SubjectDefaults = {}): ReportContext {
  const checkout = env.GITHUB_ACTIONS === 'true' ? undefined : defaults.checkout;
  const note = (line: string) => defaults.note?.(line);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pr = overrides.pr ?? (event.prNumber === undefined ? undefined : String(event.prNumber));
  const subject: EvidenceSubject = { repo: resolveRepo(overrides.repo, env, checkout, note), sha: resolveSha(overrides.sha, event.headSha, env, checkout, note) };
  if (pr !== undefined) {
    if (!/^[1-9][0-9]{0,9}$/.test(pr)) throw new MaestroError('USAGE', `--pr ${JSON.stringify(pr)} is not a pull request number`, { remedy: 'pass the number of the pull request, such as 42.' });
    subject.pr = Number(pr);
  }
  const ref = overrides.ref ?? event.headRef ?? env.GITHUB_REF;
  if (ref) subject.ref = ref.slice(0, 255);
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY && server.startsWith('https://') ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return { subject, producer: { name: producerName, version: VERSION, ...(runUrl ? { runUrl } : {}) }, createdAt: now.toISOString() };
}

/**
 * The repository a command is about: `given` (--repo), else GITHUB_REPOSITORY, else (outside GitHub
 * Actions, when a checkout is given) the checkout's `origin` remote on GitHub or a GitHub Enterprise Server.
 */
export function resolveRepository(given: string | undefined, env: NodeJS.ProcessEnv, defaults: SubjectDefaults = {}): string {
  return resolveRepo(given, env, env.GITHUB_ACTIONS === 'true' ? undefined : defaults.checkout, (line) => defaults.note?.(line));
}

function resolveRepo(given: string | undefined, env: NodeJS.ProcessEnv, checkout: Checkout | undefined, note: (line: string) => void): string {
  if (given !== undefined && given !== '') return check(given, REPO, 'repo', 'owner/name');
  if (env.GITHUB_REPOSITORY) return check(env.GITHUB_REPOSITORY, REPO, 'repo', 'owner/name');
  if (!checkout) throw missing('repo', 'GITHUB_REPOSITORY', 'owner/name');
  const url = checkout.originUrl();
  const remote = url === undefined ? undefined : parseGitHubRemote(url);
  if (!remote) {
    throw new MaestroError('USAGE', `the report needs the repository it is about: --repo is not given, and ${url === undefined ? 'the folder has no git remote origin' : `the git remote origin ${JSON.stringify(redact(url))} is not a GitHub repository URL`}`, {
      remedy: 'pass --repo owner/name, or run in a clone whose origin remote is the repository on GitHub (https://github.com/owner/name.git or git@github.com:owner/name.git).',
    });
  }
  note(`repo ${remote.repo} (from git remote origin, ${remote.host})`);
  return remote.repo;
}

function resolveSha(given: string | undefined, eventHead: string | undefined, env: NodeJS.ProcessEnv, checkout: Checkout | undefined, note: (line: string) => void): string {
  if (given !== undefined && given !== '') return check(given, SHA, 'sha', 'a full 40-character lower-case commit SHA');
  const fromEnvironment = eventHead ?? env.GITHUB_SHA;
  if (fromEnvironment) return check(fromEnvironment, SHA, 'sha', 'a full 40-character lower-case commit SHA');
  if (!checkout) throw missing('sha', 'GITHUB_SHA', 'a full 40-character lower-case commit SHA');
  const head = checkout.headCommit();
  if (!head) {
    throw new MaestroError('USAGE', 'the report needs the commit it is about: --sha is not given, and the folder is not a git checkout with a commit (git rev-parse HEAD)', {
      remedy: 'pass --sha with the full commit SHA, or run inside the checkout of the commit.',
    });
  }
  note(`sha ${head} (from git HEAD)`);
  return head;
}

function missing(option: 'repo' | 'sha', variable: string, form: string): MaestroError {
  return new MaestroError('USAGE', `the report needs the ${option === 'repo' ? 'repository' : 'commit'} it is about, and neither --${option} nor ${variable} is set`, {
    remedy: `pass --${option} (${form}), or run inside GitHub Actions, which sets ${variable}.`,
  });
}

function check(value: string, pattern: RegExp, option: string, form: string): string {
  if (!pattern.test(value)) throw new MaestroError('USAGE', `${option} ${JSON.stringify(value.slice(0, 100))} is not ${form}`, { remedy: `pass --${option} as ${form}.` });
  return value;
}

/** A remote URL without the credentials some clones keep in it (https://user:token@host/...). */
function redact(url: string): string {
  return url.replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1***@').slice(0, 200);
}

/** The pull request fields of the triggering event, when it is about a pull request; other events give none. */
function readEvent(path: string | undefined): { prNumber?: number; headSha?: string; headRef?: string } {
  if (!path) return {};
  let payload: unknown;
  try {
    // Size and type first: an oversized payload is ignored unread, and a named pipe is never opened.
    const info = statSync(path);
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    if (info.size > MAX_EVENT_BYTES) return {};
    const text = readFileSync(path, 'utf8');
    if (text.length > MAX_EVENT_BYTES) return {};
    payload = JSON.parse(text);
  } catch (cause) {
    throw new MaestroError('EVENT_INVALID', `the event payload ${path} (GITHUB_EVENT_PATH) cannot be read as JSON`, { file: path, remedy: 'run the step in a GitHub Actions job, or unset GITHUB_EVENT_PATH.', cause });
  }
  const pull = (payload as { pull_request?: { number?: unknown; head?: { sha?: unknown; ref?: unknown } } } | null)?.pull_request;
  if (!pull || typeof pull !== 'object') return {};
  return {
    prNumber: typeof pull.number === 'number' ? pull.number : undefined,
    headSha: typeof pull.head?.sha === 'string' ? pull.head.sha : undefined,
    headRef: typeof pull.head?.ref === 'string' ? `refs/heads/${pull.head.ref}` : undefined,
  };
}
