import { commandGuard } from '../../core/triggers/command-role.js';
import { isMaestroError } from '../../core/errors.js';
import { addedCommandLines } from '../../core/triggers/command-trigger.js';
import { parseCommands } from '../../core/commands/parse-commands.js';
import { renderCommandHelp } from '../../core/render/render-command-help.js';
import type { ParsedCommandLine, SlashCommand } from '../../core/commands/types.js';
import { type CommandOutcome, renderCommandReply } from '../../core/render/render-command-reply.js';
import { repoParams } from '../../adapters/github/github.js';
import { keys } from '../../core/ports/state-store.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { checkGuard } from './check-guard.js';
import { CommandProgress } from './command-progress.js';
import { type CommandContext, type CommandResult, recordAct } from './command-context.js';
import { createTasks } from './create-tasks.js';
import { grantOverride } from './grant-override.js';
import { grantWaiver } from './grant-waiver.js';
import { runGatesCommand } from './run-gates-command.js';
import { runIssueCommand } from './run-issue-command.js';

/** What the commands of one comment came to, for logs, metrics and tests. */
export interface CommentOutcome {
  outcomes: CommandOutcome[];
  reaction?: '+1' | 'confused';
  replied: boolean;
  /** The comment's commands were handled already (a redelivery): nothing was done again. */
  duplicate?: boolean;
}

/** Why commands that an edit added are refused, never run. */
const EDIT_REFUSAL = 'commands added by editing a comment are not run (an edit could slip one under an earlier approval); post the command in a new comment.';

/**
 * Runs the slash commands of a comment, each after checking that its sender may, and acknowledges
 * them: a 👍 when every command was done, 😕 otherwise, and one reply only for errors, refusals and
 * results. Commands that an edit added are refused. Refusals of privileged commands are recorded
 * in the audit ledger like the acts themselves. Each takes effect once, however often it arrives.
 */
export async function handleComment(ctx: CommandContext): Promise<CommentOutcome> {
  const { request } = ctx;
  const edited = request.previousBody !== undefined;
  const lines = edited ? addedCommandLines(request.previousBody!, request.comment.body) : parseCommands(request.comment.body, { ignore: ctx.config.commands.ignore });
  if (lines.length === 0) return { outcomes: [], replied: false };
  // Keyed by the comment and its command lines: a redelivery, or an edit that changed no command, is not acted on again.
  const digest = sha256Hex(`${edited ? 'edit' : 'new'}\n${lines.map((l) => l.text.trim()).join('\n')}`);
  const progress = await CommandProgress.claim(ctx.store, keys.commands(request.repo.fullName, request.comment.id, digest), ctx.now().getTime());
  if (!progress) return { outcomes: [], replied: false, duplicate: true };
  try {
    const outcomes = edited ? await refuseEdit(ctx, lines, progress) : await runLines(ctx, lines, progress);
    const outcome = await acknowledge(ctx, outcomes, progress);
    await progress.finish();
    return outcome;
  } catch (error) {
    await progress.release().catch(() => undefined);
    throw error;
  }
}

/** Runs each line that has not taken effect yet, recording its outcome as soon as it has. */
async function runLines(ctx: CommandContext, lines: ParsedCommandLine[], progress: CommandProgress): Promise<CommandOutcome[]> {
  const outcomes: CommandOutcome[] = [];
  for (const [index, line] of lines.entries()) {
    let outcome = progress.outcome(index);
    if (!outcome) {
      outcome = await runLine(ctx, line);
      await progress.recordOutcome(index, outcome);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Commands that an edit added: refused, the refusal recorded once. */
async function refuseEdit(ctx: CommandContext, lines: ParsedCommandLine[], progress: CommandProgress): Promise<CommandOutcome[]> {
  const recorded = progress.outcome(0);
  if (recorded) return lines.map((l) => ({ ...recorded, line: l.line, text: l.text }));
  const unrecorded = await recordRefusal(ctx, `edited comment ${ctx.request.comment.id} added: ${lines.map((l) => l.text.trim()).join(' | ')}`);
  const outcomes: CommandOutcome[] = lines.map((l) => ({ line: l.line, text: l.text, status: 'refused', message: unrecorded ? `${EDIT_REFUSAL} (${unrecorded})` : EDIT_REFUSAL }));
  await progress.recordOutcome(0, outcomes[0]!);
  return outcomes;
}

async function runLine(ctx: CommandContext, line: ParsedCommandLine): Promise<CommandOutcome> {
  const at = { line: line.line, text: line.text };
  if (!line.ok) return { ...at, status: 'error', message: line.error.message, usage: line.error.usage };
  if (ctx.configProblem && line.command.name !== 'help') return { ...at, status: 'error', message: `the repo config is unusable, so nobody's rights can be checked (${ctx.configProblem}); fix .github/maestro.yml on the default branch.` };
  const guard = commandGuard(line.command, ctx.config);
  const check = await checkGuard(ctx, guard);
  if (!check.allowed) {
    const unrecorded = guard.type === 'anyone' ? undefined : await recordRefusal(ctx, `${line.text.trim()}: ${check.message}`);
    return { ...at, status: 'refused', message: unrecorded ? `${check.message} (${unrecorded})` : check.message };
  }
  let result: CommandResult;
  try {
    result = await run(ctx, line.command);
  } catch (error) {
    // The ledger could not record the act (it is recorded before it takes effect), or GitHub refused
    // the request (validation, a missing label or user): say so; anything else is a bug.
    const status = (error as { status?: number }).status;
    if (isMaestroError(error)) {
      ctx.log.error({ err: error, line: line.text }, 'a command could not be recorded in the audit ledger');
      result = { ok: false, message: `the audit ledger could not record it (${error.code}); the act was not recorded, so it was not done. The app's log has the details.` };
    }
    else if (status === undefined || status >= 500) throw error;
    else result = { ok: false, message: `GitHub refused the change (HTTP ${status}: ${error instanceof Error ? error.message.slice(0, 300) : 'error'}).` };
  }
  if (!result.ok && result.refused) {
    const unrecorded = await recordRefusal(ctx, `${line.text.trim()}: ${result.message}`);
    return { ...at, status: 'refused', message: unrecorded ? `${result.message} (${unrecorded})` : result.message };
  }
  return result.ok ? { ...at, status: 'done', ...(result.result ? { result: result.result } : {}) } : { ...at, status: 'error', message: result.message };
}

function run(ctx: CommandContext, command: SlashCommand): Promise<CommandResult> {
  switch (command.name) {
    case 'help':
      return Promise.resolve({ ok: true, result: renderCommandHelp({ maxWaiverDays: ctx.config.waivers.maxDays }) });
    case 'assign':
    case 'unassign':
    case 'label':
    case 'priority':
    case 'milestone':
      return runIssueCommand(ctx, command);
    case 'create-task':
      return createTasks(ctx, command);
    case 'waive':
      return grantWaiver(ctx, command);
    case 'override':
      return grantOverride(ctx, command);
    case 'gates-rerun':
    case 'gates-explain':
      return runGatesCommand(ctx, command);
  }
}

/** Records a refusal; when the ledger cannot, the refusal still stands and the reply says so. */
async function recordRefusal(ctx: CommandContext, reason: string): Promise<string | undefined> {
  try {
    await recordAct(ctx, { action: 'command.refused', reason: reason.slice(0, 1000) });
    return undefined;
  } catch (error) {
    if (!isMaestroError(error)) throw error;
    ctx.log.error({ err: error }, 'a refusal could not be recorded in the audit ledger');
    return `the refusal could not be recorded in the audit ledger (${error.code})`;
  }
}

async function acknowledge(ctx: CommandContext, outcomes: CommandOutcome[], progress: CommandProgress): Promise<CommentOutcome> {
  const { octokit, request } = ctx;
  const reaction = outcomes.every((o) => o.status === 'done') ? '+1' : 'confused';
  if (!progress.reacted) {
    await octokit.rest.reactions.createForIssueComment({ ...repoParams(request.repo), comment_id: request.comment.id, content: reaction });
    await progress.recordReaction();
  }
  const reply = renderCommandReply(outcomes);
  if (reply && !progress.replied) {
    await octokit.rest.issues.createComment({ ...repoParams(request.repo), issue_number: request.issue.number, body: reply });
    await progress.recordReply();
  }
  return { outcomes, reaction, replied: reply !== undefined };
}
