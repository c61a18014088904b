/**
 * Every file `npm run docs` writes, each rendered from its source in the repository: the CLI,
 * controls, configuration and reusable-workflow references, and the gate-notes comment template.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readCatalogDir } from '../../adapters/fs/read-catalog-dir.js';
import { COMMANDS } from '../../cli/command-spec.js';
import { DEFAULT_CONFIG } from '../../core/config/default-config.js';
import { GATE_NOTES_SAMPLE_PATH, renderGateNotesSample } from '../render-gate-notes-sample.js';
import { renderCliReference, type CommandAlias } from './render-cli-reference.js';
import { renderConfigReference, type SchemaNode } from './render-config-reference.js';
import { renderControlsReference } from './render-controls-reference.js';
import { type CallableWorkflow, renderWorkflowsReference } from './render-workflows-reference.js';
import { parse } from 'yaml';

/** One generated file: its path in the repository and its rendered text. */
export interface GeneratedPage {
  path: string;
  content: string;
}

/**
 * The commands installed under names of their own (package.json `bin`), read from their launcher:
 * `bin/ig-evidence.cjs` inserts `evidence bundle` before the arguments.
 */
async function readAliases(root: string): Promise<CommandAlias[]> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const aliases: CommandAlias[] = [];
  for (const [name, file] of Object.entries(pkg.bin ?? {})) {
    const words = /process\.argv\.splice\(2, 0, ([^)]*)\)/.exec(await readFile(join(root, file), 'utf8'))?.[1];
    if (words) aliases.push({ name, words: [...words.matchAll(/'([^']+)'/g)].map((m) => m[1]!) });
  }
  return aliases;
}

/** The reusable workflows of .github/workflows/ (those with `on.workflow_call`), as declared. */
async function readCallableWorkflows(root: string): Promise<CallableWorkflow[]> {
  const dir = join(root, '.github/workflows');
  const files = existsSync(dir) ? (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const workflows: CallableWorkflow[] = [];
  for (const file of files) {
    const doc = parse(await readFile(join(dir, file), 'utf8')) as { name?: string; on?: { workflow_call?: Partial<CallableWorkflow> | null } };
    const call = doc.on?.workflow_call;
    if (call === undefined) continue;
    workflows.push({ file, ...(doc.name ? { name: doc.name } : {}), inputs: call?.inputs ?? {}, secrets: call?.secrets ?? {}, outputs: call?.outputs ?? {} });
  }
  return workflows;
}

/** Renders every generated file of the repository at `root`. */
export async function renderGeneratedPages(root: string): Promise<GeneratedPage[]> {
  const catalog = await readCatalogDir(join(root, 'controls'));
  const schema = JSON.parse(await readFile(join(root, 'core/config/maestro-config.schema.json'), 'utf8')) as SchemaNode;
  return [
    { path: 'docs/reference/cli.md', content: renderCliReference(COMMANDS, await readAliases(root)) },
    { path: 'docs/reference/controls.md', content: renderControlsReference(catalog.controls, (c) => relative(root, c.source)) },
    { path: 'docs/reference/config.md', content: renderConfigReference(schema, DEFAULT_CONFIG) },
    { path: 'docs/reference/workflows.md', content: renderWorkflowsReference(await readCallableWorkflows(root)) },
    { path: GATE_NOTES_SAMPLE_PATH, content: await renderGateNotesSample(root) },
  ];
}

/** The generated files whose text at `root` differs from what `pages` renders (missing ones included). */
export function staleFiles(root: string, pages: GeneratedPage[]): string[] {
  return pages.filter((p) => !existsSync(join(root, p.path)) || readFileSync(join(root, p.path), 'utf8') !== p.content).map((p) => p.path);
}
