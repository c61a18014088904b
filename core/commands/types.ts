/** The priorities `/priority` sets, as label names. */
export type PriorityLabel = 'P0' | 'P1' | 'P2';

/**
 * One slash command from an issue or PR comment, with its arguments parsed and checked for form
 * (not for permission: that is the app's job).
 */
export type SlashCommand =
  | { name: 'assign'; users: string[] }
  | { name: 'unassign'; users: string[] }
  | { name: 'milestone'; title: string }
  | { name: 'priority'; priority: PriorityLabel }
  | { name: 'label'; labels: string[] }
  /** `target` is a work-order id such as `8`, or `all`. */
  | { name: 'create-task'; target: string }
  /** `until` is the waiver's last day, YYYY-MM-DD (UTC, inclusive). */
  | { name: 'waive'; controlId: string; until: string; reason: string }
  | { name: 'override'; reason: string }
  | { name: 'gates-rerun' }
  | { name: 'gates-explain'; controlId: string }
  | { name: 'help' };

/** The command names, as typed after the slash (`gates-rerun` is typed `/gates rerun`). */
export type SlashCommandName = SlashCommand['name'];

/** A command line that could not be parsed: what is wrong and the right syntax. */
export interface CommandError {
  /** The command word as typed (`waive`), or the unknown word. */
  name: string;
  message: string;
  /** The syntax of the command, such as `/waive <control-id> until <YYYY-MM-DD> reason: <text>`. */
  usage: string;
}

/** One line of a comment that starts with `/`, parsed or refused. */
export type ParsedCommandLine = { line: number; text: string } & ({ ok: true; command: SlashCommand } | { ok: false; error: CommandError });
