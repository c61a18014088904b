import type { SlashCommand } from '../../core/commands/types.js';
import type { GateResult } from '../../core/engine/types.js';
import { renderControlExplanation } from '../../core/render/render-control-explanation.js';
import { keys } from '../../core/ports/state-store.js';
import type { CommandContext, CommandResult } from './command-context.js';
import { openPull, reevaluate } from './open-pull.js';

/** `/gates rerun` (decide again now) and `/gates explain <control>` (post the full decision). */
export async function runGatesCommand(ctx: CommandContext, command: Extract<SlashCommand, { name: 'gates-rerun' | 'gates-explain' }>): Promise<CommandResult> {
  const pull = await openPull(ctx, command.name === 'gates-rerun' ? 'gates rerun' : 'gates explain');
  if (!pull.ok) return pull;
  if (command.name === 'gates-rerun') {
    await reevaluate(ctx, pull.pr, 'gates rerun');
    return { ok: true };
  }
  const { request } = ctx;
  const result = await ctx.store.get<GateResult>(keys.result(request.repo.fullName, pull.pr.headSha, pull.pr.number));
  if (!result) return { ok: false, message: `the gate has not decided commit ${pull.pr.headSha.slice(0, 7)} yet (it waits for the commit's workflow runs); try again when the check has concluded, or decide now with /gates rerun.` };
  const control = result.controls.find((c) => c.controlId === command.controlId);
  if (!control) return { ok: false, message: `${command.controlId} is not a control of the catalog; the gate decided ${result.controls.map((c) => c.controlId).join(', ')}.` };
  return { ok: true, result: renderControlExplanation(result, control) };
}
