import type { GrantDetails } from '../../core/triggers/grants-from-ledger.js';
import type { SlashCommand } from '../../core/commands/types.js';
import { setOverride } from '../state/waiver-records.js';
import { type CommandContext, type CommandResult, recordAct } from './command-context.js';
import { openPull, reevaluate } from './open-pull.js';

/**
 * `/override`: forces the gate to success for the PR's current head commit only (a new push clears
 * it), shown as an override everywhere, recorded in the audit ledger, decided again at once.
 */
export async function grantOverride(ctx: CommandContext, command: Extract<SlashCommand, { name: 'override' }>): Promise<CommandResult> {
  const pull = await openPull(ctx, 'override');
  if (!pull.ok) return pull;
  const { request } = ctx;
  const override = { by: request.sender, reason: command.reason, at: ctx.now().toISOString(), sha: pull.pr.headSha, ...(request.comment.htmlUrl ? { commentUrl: request.comment.htmlUrl } : {}) };
  // Recorded first: no override takes effect unrecorded.
  const details: GrantDetails & { sha: string } = { sha: pull.pr.headSha, override };
  await recordAct(ctx, { action: 'override.granted', sha: pull.pr.headSha, reason: command.reason, after: details });
  await setOverride(ctx.store, request.repo.fullName, override);
  await reevaluate(ctx, pull.pr, 'override granted');
  return { ok: true };
}
