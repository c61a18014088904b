import type { GrantDetails } from '../../core/triggers/grants-from-ledger.js';
import type { SlashCommand } from '../../core/commands/types.js';
import { checkSelfGrant } from '../../core/triggers/self-grant.js';
import { setOverride } from '../state/waiver-records.js';
import { type CommandContext, type CommandResult, recordAct } from './command-context.js';
import { openPull, reevaluate } from './open-pull.js';

/**
 * `/override`: forces the gate to success for the PR's current head commit only (a new push clears
 * it), shown as an override everywhere, recorded in the audit ledger, decided again at once. The
 * PR's author may not override their own PR unless the repo config allows it (`overrides.allowSelf`;
 * the ledger then marks the grant `selfGranted`).
 */
export async function grantOverride(ctx: CommandContext, command: Extract<SlashCommand, { name: 'override' }>): Promise<CommandResult> {
  const pull = await openPull(ctx, 'override');
  if (!pull.ok) return pull;
  const { request } = ctx;
  const self = checkSelfGrant('override', request.sender, pull.pr.author, ctx.config, request.repo.fullName);
  if (!self.allowed) return { ok: false, refused: true, message: self.message };
  const override = { by: request.sender, reason: command.reason, at: ctx.now().toISOString(), sha: pull.pr.headSha, ...(request.comment.htmlUrl ? { commentUrl: request.comment.htmlUrl } : {}) };
  // Recorded first: no override takes effect unrecorded.
  const details: GrantDetails & { sha: string } = { sha: pull.pr.headSha, override, ...(self.selfGranted ? { selfGranted: true } : {}) };
  await recordAct(ctx, { action: 'override.granted', sha: pull.pr.headSha, reason: command.reason, after: details });
  await setOverride(ctx.store, request.repo.fullName, override);
  await reevaluate(ctx, pull.pr, 'override granted');
  return { ok: true };
}
