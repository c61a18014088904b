import type { OptionSpec } from './option-spec.js';

/** Options every gate command takes: output format and file, and what the report is about. */
export const GATE_OUTPUT_OPTIONS: OptionSpec[] = [
  { name: 'format', type: 'string', value: 'format', choices: ['text', 'markdown', 'json'], description: 'output: text (plain, for a terminal), markdown (for a job summary) or json (the evidence report); default: text at a terminal, markdown otherwise' },
  { name: 'out', type: 'string', value: 'file', description: 'also write the evidence report (JSON) to this file' },
  { name: 'repo', type: 'string', value: 'owner/name', description: 'repository the report is about (default: $GITHUB_REPOSITORY; by hand, outside GitHub Actions: the checkout\'s origin remote)' },
  { name: 'sha', type: 'string', value: 'commit', description: "commit the report is about (default: the PR head in $GITHUB_EVENT_PATH, else $GITHUB_SHA; by hand, outside GitHub Actions: git HEAD)" },
  { name: 'pr', type: 'string', value: 'number', description: 'pull request the report is about (default: from $GITHUB_EVENT_PATH)' },
];
