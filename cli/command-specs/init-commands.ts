import type { CommandSpec } from '../option-spec.js';

/** Setting a repository up: `maestro init`. Its code is loaded only when it runs. */
export const INIT_COMMANDS: CommandSpec[] = [
  {
    words: ['init'],
    summary: 'Set a repository up for Maestro: a report-only .github/maestro.yml, the caller workflows (maestro.yml, maestro-drift.yml) and the pull request template with its Evidence section; prints the next steps. Refuses to overwrite any file without --force, writing nothing. Exit 0 written, 1 files already there, 2 bad input.',
    options: [
      { name: 'dir', type: 'string', value: 'folder', description: 'root of the repository to set up (default: the current folder)' },
      { name: 'org', type: 'boolean', description: "for an organisation's .github repository: also the organisation workflows (maestro-drift-sweep.yml, maestro-drills.yml, maestro-scoreboard.yml)" },
      { name: 'force', type: 'boolean', description: 'overwrite files that are already there' },
      { name: 'dry-run', type: 'boolean', description: 'list what would be written, write nothing' },
    ],
    run: async (o) => (await import('../commands/init.js')).initCommand(o as never),
  },
];
