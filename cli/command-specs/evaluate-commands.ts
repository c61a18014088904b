import type { CommandSpec } from '../option-spec.js';
import { catalogOption } from './catalog-option.js';

/** Commands that decide a pull request or read the catalog: gate, validate, controls. Each command's code is loaded only when it runs. */
export const EVALUATE_COMMANDS: CommandSpec[] = [
  {
    words: ['gate'],
    summary: 'Evaluate a pull request against the controls catalog and print gate notes. Exit 0 passed, nothing applies, or report-only mode (the notes say what would fail), 1 failed, 2 bad input.',
    options: [
      { name: 'event', type: 'string', value: 'file', required: true, description: 'pull_request webhook payload (JSON), e.g. $GITHUB_EVENT_PATH' },
      { name: 'evidence', type: 'string', value: 'dir', required: true, description: 'folder of evidence reports (*.json, searched recursively)' },
      { name: 'changed-files', type: 'string', value: 'file', description: 'changed paths, one per line or a JSON array (without it, path rules are assumed to match)' },
      { name: 'config', type: 'string', value: 'file', description: 'repo config (default: .github/maestro.yml when present)' },
      { name: 'no-config', type: 'boolean', description: 'ignore .github/maestro.yml and use the defaults' },
      catalogOption,
      { name: 'catalog-mode', type: 'string', value: 'mode', choices: ['replace', 'extend'], description: "with --catalog: replace the shipped controls (default), or extend them (a control with a shipped control's id replaces it)" },
      { name: 'waivers', type: 'string', value: 'file', description: 'waivers: a JSON array of waiver reports' },
      { name: 'links', type: 'string', value: 'file', description: 'manual evidence: a JSON array of link reports approved by reviewers' },
      { name: 'now', type: 'string', value: 'time', description: 'evaluation time, RFC 3339 (default: now); fixes freshness and waiver expiry for reproducible runs' },
      { name: 'format', type: 'string', value: 'format', choices: ['text', 'markdown', 'json'], description: 'output: text (plain, for a terminal), markdown (gate notes for a job summary) or json (the result); default: text at a terminal, markdown otherwise' },
      { name: 'decision-log', type: 'string', value: 'file', description: 'also write the decisions as a decision-log evidence report' },
    ],
    run: async (o) => (await import('../commands/gate.js')).gateCommand(o as never),
  },
  {
    words: ['validate'],
    summary: 'Check evidence reports against their schemas. Exit 0 all valid, 1 some invalid, 2 unreadable.',
    args: [{ name: 'paths', required: true, variadic: true }],
    options: [{ name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' }],
    run: async (o, args) => (await import('../commands/validate.js')).validateCommand(args, o as never),
  },
  {
    words: ['controls', 'list'],
    summary: 'List every control with its priority, blocking flag and evidence kinds.',
    options: [catalogOption, { name: 'format', type: 'string', value: 'format', choices: ['text', 'json', 'markdown'], default: 'text', description: 'output format' }],
    run: async (o) => (await import('../commands/controls.js')).listControls(o as never),
  },
  {
    words: ['controls', 'show'],
    summary: 'Show one control: framework mappings, when it applies, and its evidence requirements.',
    args: [{ name: 'id', required: true }],
    options: [catalogOption, { name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' }],
    run: async (o, args) => (await import('../commands/controls.js')).showControl(args[0]!, o as never),
  },
];
