import type { CommandSpec } from './option-spec.js';
import { EVALUATE_COMMANDS } from './command-specs/evaluate-commands.js';
import { GATE_COMMANDS } from './command-specs/gate-commands.js';
import { INIT_COMMANDS } from './command-specs/init-commands.js';
import { LEDGER_COMMANDS } from './command-specs/ledger-commands.js';
import { PORTAL_COMMANDS } from './command-specs/portal-commands.js';
import { RELEASE_COMMANDS } from './command-specs/release-commands.js';

/** Every command of `maestro`, in the order help lists them. Each command's code is loaded only when it runs. */
export const COMMANDS: CommandSpec[] = [...INIT_COMMANDS, ...EVALUATE_COMMANDS, ...RELEASE_COMMANDS, ...GATE_COMMANDS, ...LEDGER_COMMANDS, ...PORTAL_COMMANDS];
