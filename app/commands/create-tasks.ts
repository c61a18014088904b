import { planEpicBody, planTasks, type ChildIssue } from '../../core/commands/plan-tasks.js';
import type { SlashCommand } from '../../core/commands/types.js';
import type { TaskLink } from '../../core/commands/update-epic-task-list.js';
import { repoParams } from '../../adapters/github/github.js';
import { type CommandContext, type CommandResult, recordAct } from './command-context.js';

/** Pages of issues read to find the children the app already created (100 each). */
const MAX_CHILD_PAGES = 10;

/**
 * `/create-task <id>|all` in an epic: one child issue per work order that has none yet, then the
 * epic's task list. Children are recognised by the app's marker in their body (issues the app
 * opened since the epic was created) and by the epic's task list, so a second run, or a run after
 * a failure between creating and listing, opens nothing twice.
 */
export async function createTasks(ctx: CommandContext, command: Extract<SlashCommand, { name: 'create-task' }>): Promise<CommandResult> {
  const { octokit, request } = ctx;
  if (request.issue.isPull) return { ok: false, message: '/create-task works in epic issues, not in pull requests.' };
  const params = repoParams(request.repo);
  // The body as it is now, not as the event saw it: the epic is rewritten from it.
  const { data: epic } = await octokit.rest.issues.get({ ...params, issue_number: request.issue.number });
  const children = await appIssuesSince(ctx, epic.created_at);
  const planned = planTasks({ epic: { number: epic.number, title: epic.title, url: epic.html_url, body: epic.body ?? '' }, target: command.target, children });
  if (!planned.ok) return { ok: false, message: planned.error.message };
  const { plan } = planned;
  const created: TaskLink[] = [];
  for (const draft of plan.create) {
    const { data: issue } = await octokit.rest.issues.create({ ...params, title: draft.title, body: draft.body, labels: draft.labels });
    created.push({ workOrderId: draft.workOrderId, number: issue.number });
    await recordAct(ctx, { action: 'task.created', after: { issue: issue.number, workOrder: draft.workOrderId, title: draft.title } });
  }
  const body = planEpicBody(epic.body ?? '', [...plan.existing, ...created]);
  if (!body.ok) return { ok: false, message: `${created.length > 0 ? `created ${numbers(created)}, but ` : ''}${body.error.message}` };
  if (body.changed) await octokit.rest.issues.update({ ...params, issue_number: epic.number, body: body.body });
  const parts = [
    created.length > 0 ? `Created ${numbers(created)}.` : 'Nothing to create.',
    plan.existing.length > 0 ? `Already tracked: ${numbers(plan.existing)}.` : '',
    plan.deferred.length > 0 ? `${plan.deferred.length} more work orders (${plan.deferred.slice(0, 10).join(', ')}) wait for the next /create-task.` : '',
  ];
  return { ok: true, result: parts.filter(Boolean).join(' ') };
}

/** Issues (not PRs) the app opened and updated since the epic was created: the candidates for its children. */
async function appIssuesSince(ctx: CommandContext, since: string): Promise<ChildIssue[]> {
  const { octokit, request, self } = ctx;
  const found: ChildIssue[] = [];
  let pages = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...repoParams(request.repo), state: 'all', since, per_page: 100 })) {
    for (const issue of page.data) {
      if (issue.pull_request || issue.user?.login.toLowerCase() !== self.botLogin.toLowerCase()) continue;
      found.push({ number: issue.number, body: issue.body ?? null, state: issue.state === 'closed' ? 'closed' : 'open' });
    }
    if (++pages >= MAX_CHILD_PAGES) break;
  }
  return found;
}

function numbers(links: readonly TaskLink[]): string {
  return links.map((l) => `#${l.number}`).join(', ');
}
