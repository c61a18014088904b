/**
 * docs/reference/workflows.md: the inputs, secrets and outputs of every reusable workflow in
 * .github/workflows/, read from their `on.workflow_call` declarations, one section per workflow.
 */
import { cell, code, generatedBanner, table } from './markdown.js';

/** What a workflow file declares under `on.workflow_call`, as read from its YAML. */
export interface CallableWorkflow {
  /** The file name, such as ga-gates.yml. */
  file: string;
  /** The workflow's `name:`. */
  name?: string;
  inputs: Record<string, { description?: string; type?: string; required?: boolean; default?: unknown }>;
  secrets: Record<string, { description?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
}

const CALLER = 'maestro-conductor/maestro-conductor/.github/workflows';

function defaultText(value: unknown): string {
  if (value === undefined || value === '') return '';
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

function section(workflow: CallableWorkflow): string {
  const parts = [`## ${workflow.file}`, ''];
  if (workflow.name) parts.push(`${workflow.name}. Call it with \`uses: ${CALLER}/${workflow.file}@<sha> # vX.Y.Z\` (the templates in \`templates/.github/workflows/\` do).`, '');
  const inputs = Object.entries(workflow.inputs);
  if (inputs.length > 0) parts.push('Inputs:', '', table(['input', 'type', 'default', 'meaning'], inputs.map(([key, input]) => [code(key), `${input.type ?? 'string'}${input.required ? ', required' : ''}`, defaultText(input.default), cell(input.description ?? '')])), '');
  const secrets = Object.entries(workflow.secrets);
  if (secrets.length > 0) parts.push('Secrets:', '', table(['secret', 'required', 'meaning'], secrets.map(([key, secret]) => [code(key), secret.required ? 'yes' : 'no', cell(secret.description ?? '')])), '');
  const outputs = Object.entries(workflow.outputs);
  if (outputs.length > 0) parts.push('Outputs:', '', table(['output', 'meaning'], outputs.map(([key, output]) => [code(key), cell(output.description ?? '')])), '');
  return parts.join('\n');
}

/** The page, workflows in file-name order. */
export function renderWorkflowsReference(workflows: readonly CallableWorkflow[]): string {
  const sorted = [...workflows].sort((a, b) => a.file.localeCompare(b.file));
  return [
    generatedBanner('the on.workflow_call declarations of .github/workflows/*.yml'),
    '',
    '# Reusable workflows',
    '',
    'Every input, secret and output of the reusable workflows. Pin a full commit SHA of a release; see CONTRIBUTING.md for how releases re-pin the templates.',
    '',
    sorted.map((w) => `- [${w.file}](#${w.file.replace(/\./g, '')})`).join('\n'),
    '',
    ...sorted.map(section),
  ].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
