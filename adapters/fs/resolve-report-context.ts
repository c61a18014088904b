import { readFileSync, statSync } from 'node:fs';
import type { ReportContext } from '../../core/evidence/build-report.js';
import type { EvidenceSubject } from '../../core/evidence/types.js';
import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';

/** Subject fields given explicitly (command-line options or action inputs); they win over the environment. */
export interface SubjectOverrides {
  repo?: string;
  sha?: string;
  pr?: string;
  ref?: string;
}

const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const SHA = /^[0-9a-f]{40}$/;
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/**
 * The envelope context of a report made now by `producerName`: the subject from the overrides, else
 * from the GitHub Actions environment. In a pull_request run GITHUB_SHA is the merge commit, which no
 * gate asks about, so the PR's head commit and number are read from the event payload instead.
 */
export function resolveReportContext(producerName: string, overrides: SubjectOverrides, env: NodeJS.ProcessEnv, now = new Date()): ReportContext {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pr = overrides.pr ?? (event.prNumber === undefined ? undefined : String(event.prNumber));
  const subject: EvidenceSubject = {
    repo: check(overrides.repo ?? env.GITHUB_REPOSITORY, REPO, 'repo', 'GITHUB_REPOSITORY', 'owner/name'),
    sha: check(overrides.sha ?? event.headSha ?? env.GITHUB_SHA, SHA, 'sha', 'GITHUB_SHA', 'a full 40-character lower-case commit SHA'),
  };
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

function check(value: string | undefined, pattern: RegExp, option: string, variable: string, form: string): string {
  if (value === undefined || value === '') {
    throw new MaestroError('USAGE', `the report needs the ${option === 'repo' ? 'repository' : 'commit'} it is about, and neither --${option} nor ${variable} is set`, {
      remedy: `pass --${option} (${form}), or run inside GitHub Actions, which sets ${variable}.`,
    });
  }
  if (!pattern.test(value)) throw new MaestroError('USAGE', `${option} ${JSON.stringify(value.slice(0, 100))} is not ${form}`, { remedy: `pass --${option} as ${form}.` });
  return value;
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
