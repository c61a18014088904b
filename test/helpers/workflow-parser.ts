import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The parts of GitHub's workflow parser the tests use. */
interface WorkflowParser {
  NoOperationTraceWriter: new () => unknown;
  parseWorkflow(file: { name: string; content: string }, trace: unknown): ParseResult;
  parseAction(file: { name: string; content: string }, trace: unknown): ParseResult;
  convertWorkflowTemplate(context: ParseResult['context'], root: unknown): Promise<{ errors?: Array<{ Message?: string; message?: string }> }>;
  convertActionTemplate(context: ParseResult['context'], root: unknown): unknown;
}
interface ParseResult {
  context: { errors: { getErrors(): Array<{ message: string }> } };
  value: unknown;
}

const root = resolve(import.meta.dirname, '../..');

/**
 * GitHub's own workflow parser (@actions/workflow-parser), bundled to CommonJS once per test run:
 * it imports its JSON schemas without import attributes, which Node's ES module loader refuses.
 */
function loadParser(): WorkflowParser {
  const outfile = join(mkdtempSync(join(tmpdir(), 'maestro-workflow-parser-')), 'parser.cjs');
  const contents = "export { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';\nexport { parseAction, convertActionTemplate } from '@actions/workflow-parser/actions/index';\n";
  buildSync({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'error' });
  return createRequire(import.meta.url)(outfile) as WorkflowParser;
}

const parser = loadParser();

/**
 * Problems GitHub would report for a workflow file: YAML, schema, expressions (syntax and allowed
 * contexts), job graph; plus references to inputs, secrets and step ids that are not declared.
 */
export async function workflowProblems(name: string, content: string): Promise<string[]> {
  const result = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || result.value === undefined) return errors;
  const template = await parser.convertWorkflowTemplate(result.context, result.value);
  errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  return errors.concat(referenceProblems(name, parse(content), 'workflow'));
}

/** Problems GitHub would report for an action.yml, plus references to undeclared inputs and steps. */
export function actionProblems(name: string, content: string): string[] {
  const result = parser.parseAction({ name, content }, new parser.NoOperationTraceWriter());
  if (result.value !== undefined && result.context.errors.getErrors().length === 0) parser.convertActionTemplate(result.context, result.value);
  return result.context.errors
    .getErrors()
    .map((e) => e.message)
    .concat(result.value === undefined ? [] : referenceProblems(name, parse(content), 'action'));
}

type Doc = Record<string, any>;

/** `inputs.x`, `secrets.x` and `steps.x` references that name nothing the file declares. */
function referenceProblems(name: string, doc: Doc, kind: 'workflow' | 'action'): string[] {
  const problems: string[] = [];
  const call = kind === 'workflow' ? doc.on?.workflow_call : undefined;
  const inputs = new Set(Object.keys((kind === 'action' ? doc.inputs : (call?.inputs ?? doc.on?.workflow_dispatch?.inputs)) ?? {}));
  const secrets = call ? new Set(Object.keys(call.secrets ?? {})) : undefined;
  const check = (text: string, stepIds: Set<string> | undefined, where: string) => {
    for (const [, ref] of text.matchAll(/\binputs\.([A-Za-z_][\w-]*)/g)) if (!inputs.has(ref!)) problems.push(`${name}: ${where} uses inputs.${ref}, which is not declared`);
    if (secrets) for (const [, ref] of text.matchAll(/\bsecrets\.([A-Za-z_][\w-]*)/g)) if (ref !== 'GITHUB_TOKEN' && !secrets.has(ref!)) problems.push(`${name}: ${where} uses secrets.${ref}, which is not declared`);
    if (stepIds) for (const [, ref] of text.matchAll(/\bsteps\.([A-Za-z_][\w-]*)/g)) if (!stepIds.has(ref!)) problems.push(`${name}: ${where} uses steps.${ref}, which no step of it has as id`);
  };
  const jobs: Array<[string, Doc]> = kind === 'workflow' ? Object.entries(doc.jobs ?? {}) : [['runs', { steps: doc.runs?.steps ?? [], outputs: doc.outputs }]];
  for (const [id, job] of jobs) {
    const stepIds = new Set<string>((job.steps ?? []).map((s: Doc) => s.id).filter(Boolean));
    for (const text of expressionsIn(job)) check(text, stepIds, kind === 'workflow' ? `job ${id}` : 'the action');
  }
  if (kind === 'workflow') for (const text of expressionsIn({ outputs: call?.outputs })) check(text, undefined, 'the outputs');
  return problems;
}

/** Strings that GitHub evaluates: `${{ }}` templates anywhere, and `if:` conditions. Descriptions are prose. */
function expressionsIn(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return key === 'if' || node.includes('${{') ? [key === 'if' ? node : [...node.matchAll(/\$\{\{(.*?)\}\}/gs)].map((m) => m[1]).join(' ')] : [];
  if (Array.isArray(node)) return node.flatMap((n) => expressionsIn(n));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => (k === 'description' ? [] : expressionsIn(v, k)));
  return [];
}
