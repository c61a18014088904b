import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { COMMANDS } from '../../cli/command-spec.js';
import type { CommandSpec } from '../../cli/option-spec.js';
import type { Control } from '../../core/controls/types.js';
import { readCatalogDir } from '../../adapters/fs/read-catalog-dir.js';
import { renderGeneratedPages, staleFiles } from '../../scripts/docs/generated-pages.js';
import { examplesOf, renderCliReference } from '../../scripts/docs/render-cli-reference.js';
import { CLI_EXAMPLES } from '../../scripts/docs/cli-examples.js';
import { renderConfigReference, type SchemaNode } from '../../scripts/docs/render-config-reference.js';
import { renderControlsReference } from '../../scripts/docs/render-controls-reference.js';
import { anchorsOf, brokenLinks } from '../helpers/markdown-links.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pages = await renderGeneratedPages(root);
const page = (path: string) => pages.find((p) => p.path === path)!.content;
const schema = JSON.parse(read('core/config/maestro-config.schema.json')) as SchemaNode;
const aliases = [{ name: 'ig-evidence', words: ['evidence', 'bundle'] }, { name: 'ig-verify', words: ['verify'] }];

/** Every key path of the config schema, as the page writes it (`waivers.approvers.teams`, `controls.customize.<id>.paths`). */
function keyPaths(node: SchemaNode, prefix: string[] = []): string[] {
  const own = Object.entries(node.properties ?? {}).flatMap(([key, child]) => [[...prefix, key].join('.'), ...keyPaths(child, [...prefix, key])]);
  const each = !node.properties && typeof node.additionalProperties === 'object' ? keyPaths(node.additionalProperties, [...prefix, '<id>']) : [];
  return [...own, ...each];
}

describe('the generated reference pages', () => {
  it('are up to date with their sources (run npm run docs)', () => {
    expect(staleFiles(root, pages)).toEqual([]);
  });

  it('npm run docs -- --check passes on this checkout and names each stale file of one that changed', () => {
    const ok = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/render-docs.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const copy = mkdtempSync(join(tmpdir(), 'docs-check-'));
    for (const p of pages) cpSync(join(root, p.path), join(copy, p.path), { recursive: true });
    writeFileSync(join(copy, 'docs/reference/controls.md'), `${read('docs/reference/controls.md')}\nedited by hand\n`);
    expect(staleFiles(copy, pages)).toEqual(['docs/reference/controls.md']);
  });

  it('list every command of the CLI with its usage, every option and an example', () => {
    const cli = page('docs/reference/cli.md');
    for (const command of COMMANDS) {
      const heading = `### maestro ${command.words.join(' ')}\n`;
      expect(cli).toContain(heading);
      const section = cli.slice(cli.indexOf(heading)).split('\n### ')[0]!;
      for (const option of command.options) expect(section).toContain(`\`--${option.name}`);
      const examples = examplesOf(command);
      expect(section).toContain(`Example:\n\n\`\`\`sh\n${examples.join('\n')}\n\`\`\``);
      // Each example runs this command, under its own name or an alias.
      const names = [`maestro ${command.words.join(' ')}`, ...aliases.filter((a) => a.words.join(' ') === command.words.join(' ')).map((a) => a.name)];
      for (const example of examples) expect(names.some((name) => new RegExp(`(^|\\s)${name}(\\s|$)`).test(example))).toBe(true);
    }
    expect(cli).toContain('Also installed as `ig-evidence`');
    expect(cli).toContain('Also installed as `ig-verify`');
    // Examples written for a command that no longer exists would never be shown.
    for (const words of Object.keys(CLI_EXAMPLES)) expect(COMMANDS.map((c) => c.words.join(' '))).toContain(words);
  });

  it('give each control its anchor, clauses, applicability, evidence and blocking flag', async () => {
    const controls = page('docs/reference/controls.md');
    const anchors = anchorsOf(controls);
    for (const control of (await readCatalogDir(join(root, 'controls'))).controls) {
      expect(anchors).toContain(control.id.toLowerCase());
      const section = controls.slice(controls.indexOf(`## ${control.id}: `)).split('\n## ')[0]!;
      expect(section).toContain(control.title);
      for (const clause of [...control.frameworks.soc2, ...control.frameworks.iso27001, ...control.frameworks.ssdf]) expect(section).toContain(clause);
      for (const req of control.evidence) expect(section).toContain(`\`${req.kind}\``);
      expect(section).toContain(control.blocking ? '**blocking**' : 'not blocking');
    }
  });

  it('list every key of the config schema', () => {
    const config = page('docs/reference/config.md');
    for (const key of keyPaths(schema)) expect(config).toContain(`| \`${key}\` |`);
  });
});

describe('the renderers', () => {
  it('pick up a command, a config key and a control added to the sources, with no list to update', async () => {
    const added: CommandSpec = { words: ['portal', 'preview'], summary: 'Serve the portal. Exit 0.', options: [{ name: 'port', type: 'string', value: 'n', default: '8080', description: 'port to listen on' }], run: async () => 0 };
    const cli = renderCliReference([...COMMANDS, added], []);
    expect(cli).toContain('[maestro portal preview](#maestro-portal-preview)');
    expect(cli).toContain('| `--port <n>` | `8080` | port to listen on |');
    expect(cli).toContain('```sh\nmaestro portal preview\n```');

    const withKey = { ...schema, properties: { ...schema.properties, rollout: { description: 'How to roll out.', type: 'object', properties: { stage: { description: 'Stage.', enum: ['a', 'b'] } } } } };
    expect(renderConfigReference(withKey, {})).toContain('| `rollout.stage` | `a` \\| `b` |  | Stage. |');

    const [first] = (await readCatalogDir(join(root, 'controls'))).controls;
    const extra: Control = { ...first!, id: 'ORG-07', title: 'Org control', blocking: false };
    const controls = renderControlsReference([first!, extra], () => 'controls/x.yml');
    expect(anchorsOf(controls)).toContain('org-07');
    expect(controls).toContain('## ORG-07: Org control');
  });
});

describe('README.md and the docs it links', () => {
  const mine = ['README.md', ...pages.filter((p) => p.path.endsWith('.md')).map((p) => p.path),
    ...['how-the-gate-decides', 'cli-guide', 'scoreboard', 'release-evidence', 'audit-ledger', 'gates', 'github-app', 'github-actions', 'evidence-reports', 'configuration', 'controls-catalog', 'security', 'development'].map((name) => `docs/${name}.md`)];

  it.each(mine)('%s has no broken relative link or anchor', (file) => {
    expect(brokenLinks(root, file)).toEqual([]);
  });

  it('finds a broken link and a broken anchor, so the check can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    writeFileSync(join(dir, 'a.md'), '# Title\n\n## Some part\n\n[ok](#some-part) [ok](a.md#title) [gone](b.md) [no anchor](a.md#nope) `[code](c.md)`\n');
    expect(brokenLinks(dir, 'a.md')).toEqual(['a.md: b.md (no such file b.md)', 'a.md: a.md#nope (no anchor #nope in a.md)']);
  });
});
