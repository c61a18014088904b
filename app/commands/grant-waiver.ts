import type { GrantDetails } from '../../core/triggers/grants-from-ledger.js';
import { planWaiver } from '../../core/triggers/plan-waiver.js';
import { checkSelfGrant } from '../../core/triggers/self-grant.js';
import { canonicalJson } from '../../core/util/canonical-json.js';
import { sha256Hex } from '../../core/util/sha256.js';
import type { SlashCommand } from '../../core/commands/types.js';
import { addWaiver } from '../state/waiver-records.js';
import { type CommandContext, type CommandResult, recordAct } from './command-context.js';
import { openPull, reevaluate } from './open-pull.js';

/**
 * `/waive`: keeps a time-boxed waiver of one control for the PR (its current and later commits),
 * records it in the audit ledger, and has the gate decide again at once. The PR's author may not
 * waive their own PR unless the repo config allows it (`waivers.allowSelf`; the ledger then marks
 * the grant `selfGranted`).
 */
export async function grantWaiver(ctx: CommandContext, command: Extract<SlashCommand, { name: 'waive' }>): Promise<CommandResult> {
  const pull = await openPull(ctx, 'waive');
  if (!pull.ok) return pull;
  const { request } = ctx;
  const self = checkSelfGrant('waive', request.sender, pull.pr.author, ctx.config, request.repo.fullName);
  if (!self.allowed) return { ok: false, refused: true, message: self.message };
  const planned = planWaiver({
    controlId: command.controlId,
    until: command.until,
    reason: command.reason,
    approvedBy: request.sender,
    repo: request.repo.fullName,
    pr: pull.pr.number,
    headSha: pull.pr.headSha,
    commentUrl: request.comment.htmlUrl,
    controls: ctx.catalog.controls.map((c) => c.id),
    maxDays: ctx.config.waivers.maxDays,
    now: ctx.now(),
    producer: ctx.producer,
  });
  if (!planned.ok) return planned;
  const source = `waivers/${command.controlId}/comment-${request.comment.id}.json`;
  // Recorded first, whole: no waiver takes effect unrecorded, and the ledger is what the app restores waivers from.
  const details: GrantDetails & { until: string; waiver: string } = { until: command.until, waiver: sha256Hex(canonicalJson(planned.report)), installationId: request.installationId, repoId: request.repo.id, report: planned.report, source, ...(self.selfGranted ? { selfGranted: true } : {}) };
  await recordAct(ctx, { action: 'waiver.granted', sha: pull.pr.headSha, controlId: command.controlId, reason: command.reason, after: details });
  await addWaiver(ctx.store, request.installationId, request.repo, pull.pr.number, planned.report, source);
  await reevaluate(ctx, pull.pr, 'waiver granted');
  return { ok: true };
}
