import type { SlashCommand } from '../../core/commands/types.js';
import { repoParams } from '../../adapters/github/github.js';
import type { CommandContext, CommandResult } from './command-context.js';

type IssueCommand = Extract<SlashCommand, { name: 'assign' | 'unassign' | 'label' | 'priority' | 'milestone' }>;

/** The labels `/priority` manages: setting one removes the others. */
export const PRIORITY_LABELS = ['P0', 'P1', 'P2'] as const;

/** Runs an issue housekeeping command: assignees, labels, priority label, milestone. */
export async function runIssueCommand(ctx: CommandContext, command: IssueCommand): Promise<CommandResult> {
  const { octokit, request } = ctx;
  const params = { ...repoParams(request.repo), issue_number: request.issue.number };
  switch (command.name) {
    case 'assign': {
      const { data } = await octokit.rest.issues.addAssignees({ ...params, assignees: command.users });
      // GitHub silently skips users who cannot be assigned; say so rather than claim success.
      const assigned = new Set((data.assignees ?? []).map((a) => a.login.toLowerCase()));
      const skipped = command.users.filter((u) => !assigned.has(u.toLowerCase()));
      return skipped.length === 0 ? { ok: true } : { ok: false, message: `GitHub did not assign ${skipped.map((u) => `@${u}`).join(', ')}: only users with access to the repository can be assigned.` };
    }
    case 'unassign':
      await octokit.rest.issues.removeAssignees({ ...params, assignees: command.users });
      return { ok: true };
    case 'label':
      await octokit.rest.issues.addLabels({ ...params, labels: command.labels });
      return { ok: true };
    case 'priority': {
      const present = new Set(request.issue.labels);
      for (const label of PRIORITY_LABELS) {
        if (label !== command.priority && present.has(label)) await removeLabel(ctx, label);
      }
      if (!present.has(command.priority)) await octokit.rest.issues.addLabels({ ...params, labels: [command.priority] });
      return { ok: true };
    }
    case 'milestone': {
      const milestones = await octokit.paginate(octokit.rest.issues.listMilestones, { ...repoParams(request.repo), state: 'all', per_page: 100 });
      let number = milestones.find((m) => m.title.toLowerCase() === command.title.toLowerCase())?.number;
      if (number === undefined) {
        if (!ctx.config.commands.createMilestones) {
          return { ok: false, message: `${request.repo.fullName} has no milestone named "${command.title}". Create it first, or allow /milestone to create it with commands.createMilestones: true in .github/maestro.yml.` };
        }
        number = (await octokit.rest.issues.createMilestone({ ...repoParams(request.repo), title: command.title })).data.number;
      }
      await octokit.rest.issues.update({ ...params, milestone: number });
      return { ok: true };
    }
  }
}

async function removeLabel(ctx: CommandContext, name: string): Promise<void> {
  try {
    await ctx.octokit.rest.issues.removeLabel({ ...repoParams(ctx.request.repo), issue_number: ctx.request.issue.number, name });
  } catch (error) {
    // Already gone (removed since the event was sent): the goal is reached.
    if ((error as { status?: number }).status !== 404) throw error;
  }
}
