import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MaestroError } from '../errors.js';
import type { EvidenceSubject } from '../evidence/types.js';
import { factsFromPullRequestEvent } from '../pr/facts-from-event.js';
import type { PullRequestFacts } from '../pr/types.js';
import { readJsonFile } from './read-input-file.js';

const run = promisify(execFile);
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/** What a gate knows about where it runs: the report subject, and the PR when there is one. */
export interface GateContext {
  subject: EvidenceSubject;
  pr?: PullRequestFacts;
  /** Who added a label, when the run was triggered by that `labeled` event. */
  labeledBy?: { label: string; login: string };
}

/** Explicit choices that win over the event and the environment. */
export interface GateContextOptions {
  event?: string;
  repo?: string;
  sha?: string;
}

/**
 * Finds the report subject and the PR: from `--repo`/`--sha`, then the pull_request event
 * (`--event`, or `$GITHUB_EVENT_PATH` in a PR workflow), then `$GITHUB_REPOSITORY`/`$GITHUB_SHA`,
 * then the git checkout in the current directory (HEAD and the origin remote).
 */
export async function resolveGateContext(options: GateContextOptions, env: NodeJS.ProcessEnv = process.env): Promise<GateContext> {
  const eventPath = options.event ?? (PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') ? env.GITHUB_EVENT_PATH : undefined);
  let pr: PullRequestFacts | undefined;
  let labeledBy: GateContext['labeledBy'];
  if (eventPath) {
    const payload = await readJsonFile(eventPath, 'event', MAX_EVENT_BYTES);
    pr = factsFromPullRequestEvent(payload, undefined, eventPath);
    const { action, label, sender } = payload as { action?: string; label?: { name?: string }; sender?: { login?: string } };
    if (action === 'labeled' && label?.name && sender?.login) labeledBy = { label: label.name, login: sender.login };
  }
  const repo = options.repo ?? pr?.repo ?? env.GITHUB_REPOSITORY ?? (await originRepo());
  const sha = options.sha ?? pr?.headSha ?? env.GITHUB_SHA ?? (await headSha());
  if (!repo || !/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repo)) {
    throw new MaestroError('USAGE', `the report's repository ${repo ? JSON.stringify(repo) : 'is unknown'}${repo ? ' is not owner/name' : ''}`, { remedy: 'pass --repo owner/name (or run inside a GitHub checkout or workflow).' });
  }
  if (!sha || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new MaestroError('USAGE', `the report's commit ${sha ? JSON.stringify(sha) : 'is unknown'}${sha ? ' is not a full 40-hex SHA' : ''}`, { remedy: 'pass --sha with the full commit SHA (or run inside a git checkout or workflow).' });
  }
  const subject: EvidenceSubject = { repo, sha };
  if (pr) subject.pr = pr.number;
  const ref = pr ? `refs/pull/${pr.number}/head` : env.GITHUB_REF;
  if (ref) subject.ref = ref;
  return { subject, ...(pr ? { pr } : {}), ...(labeledBy ? { labeledBy } : {}) };
}

async function headSha(): Promise<string | undefined> {
  return run('git', ['rev-parse', 'HEAD']).then(({ stdout }) => stdout.trim(), () => undefined);
}

/** owner/name of a GitHub `origin` remote (https or ssh form). */
async function originRepo(): Promise<string | undefined> {
  const url = await run('git', ['remote', 'get-url', 'origin']).then(({ stdout }) => stdout.trim(), () => undefined);
  return url ? /github\.com[/:]([^/]+\/[^/]+?)(\.git)?$/.exec(url)?.[1] : undefined;
}
