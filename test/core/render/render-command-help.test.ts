import { describe, expect, it } from '@jest/globals';
import { COMMAND_USAGE } from '../../../core/commands/command-usage.js';
import { parseCommands } from '../../../core/commands/parse-commands.js';
import { renderCommandHelp } from '../../../core/render/render-command-help.js';

describe('renderCommandHelp', () => {
  const help = renderCommandHelp({ maxCommands: 10, maxWaiverDays: 14 });

  it('lists every command with its syntax, pipes escaped for the table', () => {
    for (const usage of Object.values(COMMAND_USAGE)) expect(help).toContain(`\`${usage.usage.replace(/\|/g, '\\|')}\``);
    expect(help.split('\n').filter((l) => l.startsWith('| `/'))).toHaveLength(Object.keys(COMMAND_USAGE).length);
  });

  it('states the limits it is given, and none it is not', () => {
    expect(help).toContain('(at most 10 per comment)');
    expect(help).toContain('A waiver lasts at most 14 days.');
    expect(renderCommandHelp()).not.toContain('at most');
  });

  it('states the separation of duties rule for waivers and overrides', () => {
    expect(help).toContain('Nobody waives or overrides their own pull request unless the configuration allows it (`waivers.allowSelf`, `overrides.allowSelf`).');
  });

  it('gives examples the parser accepts as the command they document', () => {
    for (const [name, usage] of Object.entries(COMMAND_USAGE)) {
      expect(parseCommands(usage.example)).toMatchObject([{ ok: true, command: { name } }]);
    }
  });
});
