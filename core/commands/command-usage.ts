import type { SlashCommandName } from './types.js';

/** The syntax and purpose of one slash command, as `/help` and error replies show them. */
export interface CommandUsage {
  /** What the user types, such as `/waive <control-id> until <YYYY-MM-DD> reason: <text>`. */
  usage: string;
  /** One sentence on what the command does. */
  summary: string;
  /** A complete example line. */
  example: string;
}

/**
 * The syntax of every command, in one place: the parser's error replies and `/help` both read it,
 * so they never disagree. Ordered as `/help` lists them.
 */
export const COMMAND_USAGE: Readonly<Record<SlashCommandName, CommandUsage>> = {
  assign: { usage: '/assign @user [@user ...]', summary: 'Adds assignees (up to 10).', example: '/assign @octocat @hubot' },
  unassign: { usage: '/unassign @user [@user ...]', summary: 'Removes assignees.', example: '/unassign @octocat' },
  milestone: { usage: '/milestone <name>', summary: 'Sets the milestone (a name with spaces may be quoted).', example: '/milestone Sprint 14' },
  priority: { usage: '/priority P0|P1|P2', summary: 'Sets the priority label, replacing any other priority label.', example: '/priority P1' },
  label: { usage: '/label <name> ["name with spaces" ...]', summary: 'Adds labels.', example: '/label security "needs review"' },
  'create-task': { usage: '/create-task <work-order-id>|all', summary: 'In an epic, creates a child issue per work order and a task list in the epic; running it again creates nothing new.', example: '/create-task 8' },
  waive: { usage: '/waive <control-id> until <YYYY-MM-DD> reason: <text>', summary: 'Grants a time-boxed exception for one control on this PR, through the given day (UTC).', example: '/waive GA-25 until 2026-12-04 reason: axe false positive on the date picker, fix in #512' },
  override: { usage: '/override reason: <text>', summary: 'Forces the gate to succeed for the current commit only, shown as an override; a new commit clears it.', example: '/override reason: SEV-1 hotfix, evidence follows in the post-incident review' },
  'gates-rerun': { usage: '/gates rerun', summary: 'Evaluates the gate again now.', example: '/gates rerun' },
  'gates-explain': { usage: '/gates explain <control-id>', summary: 'Posts the full decision for one control with its evidence.', example: '/gates explain GA-08' },
  help: { usage: '/help', summary: 'Lists these commands.', example: '/help' },
};

/** The word typed after the slash for each command (`gates-rerun` and `gates-explain` share `/gates`). */
export const COMMAND_WORDS: readonly string[] = ['assign', 'unassign', 'milestone', 'priority', 'label', 'create-task', 'waive', 'override', 'gates', 'help'];

/** The usage line of a typed command word (`gates` shows both of its forms). */
export function usageOf(word: string): string {
  if (word === 'gates') return `${COMMAND_USAGE['gates-rerun'].usage} or ${COMMAND_USAGE['gates-explain'].usage}`;
  const usage = (COMMAND_USAGE as Record<string, CommandUsage | undefined>)[word];
  return usage ? usage.usage : '/help';
}
