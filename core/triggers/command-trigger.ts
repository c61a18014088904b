import { parseCommands } from '../commands/parse-commands.js';
import type { ParsedCommandLine } from '../commands/types.js';
import type { RepoRef } from '../pr/repo-ref.js';
import { ignore, num, str, type Json } from './payload-values.js';
import type { CommandRequest, Ignored } from './types.js';

/** Comments from bots never run commands; comments without a line starting with `/` are not read further. */
export function commandTrigger(p: Json, base: { installationId: number; repo: RepoRef; reason: string }, sender: string | undefined): CommandRequest | Ignored {
  const comment = p.comment as Json | undefined;
  const issue = p.issue as Json | undefined;
  const id = num(comment?.id);
  const number = num(issue?.number);
  const body = typeof comment?.body === 'string' ? comment.body : '';
  const author = str((comment?.user as Json | undefined)?.login);
  if (!comment || !issue || id === undefined || number === undefined || !author || !sender) return ignore(`${base.reason} without a usable comment`);
  if (isBot(p.sender) || isBot(comment.user)) return ignore(`${base.reason} by a bot`);
  if (!hasSlashLine(body)) return ignore(`${base.reason} without a command line`);
  let previousBody: string | undefined;
  if (base.reason === 'issue_comment.edited') {
    const from = ((p.changes as Json | undefined)?.body as Json | undefined)?.from;
    if (typeof from !== 'string') return ignore('issue_comment.edited did not change the body');
    if (addedCommandLines(from, body).length === 0) return ignore('issue_comment.edited added no command line');
    previousBody = from;
  }
  const labels = Array.isArray(issue.labels) ? issue.labels.map((l: Json) => str(l?.name)).filter((l): l is string => l !== undefined) : [];
  const htmlUrl = str(issue.html_url);
  return {
    type: 'command',
    ...base,
    issue: { number, isPull: issue.pull_request !== undefined && issue.pull_request !== null, title: typeof issue.title === 'string' ? issue.title : '', body: typeof issue.body === 'string' ? issue.body : '', state: str(issue.state) ?? 'open', labels, ...(htmlUrl ? { htmlUrl } : {}) },
    comment: { id, body, htmlUrl: str(comment.html_url) ?? '', author },
    sender,
    ...(previousBody !== undefined ? { previousBody } : {}),
  };
}

/** Command lines of an edited comment that its previous body did not have. */
export function addedCommandLines(before: string, after: string): ParsedCommandLine[] {
  const old = new Set(parseCommands(before).map((l) => l.text.trim()));
  return parseCommands(after).filter((l) => !old.has(l.text.trim()));
}

function isBot(user: unknown): boolean {
  const u = (user ?? {}) as Json;
  return u.type === 'Bot' || (str(u.login) ?? '').endsWith('[bot]');
}

/**
 * True when a line starts with `/` after at most three spaces: the cheap test that lets the app
 * skip the parser for ordinary comments. Scans once, no regular expression.
 */
export function hasSlashLine(body: string): boolean {
  let column = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10) column = 0;
    else if (column >= 0 && c === 32 && column < 3) column++;
    else if (column >= 0 && c === 47) return true;
    else column = -1;
  }
  return false;
}
