import type { MaestroConfig } from './types.js';

/** The configuration of a repo without `.github/maestro.yml`: every control, blocking as the catalog says. */
export const DEFAULT_CONFIG: MaestroConfig = {
  version: 1,
  checkName: 'Enforce GA Gates Evidence',
  comment: { mode: 'always', drafts: false },
  controls: { priorities: ['P0', 'P1', 'P2'], tags: [], exclude: [], customize: {} },
  thresholds: {},
  waivers: { maxDays: 30, approvers: { teams: [], permissions: ['admin', 'maintain'] }, allowSelf: false },
  overrides: { approvers: { teams: [], permissions: ['admin'] }, allowSelf: false },
  producers: {},
  commands: { createMilestones: false, ignore: [] },
};
