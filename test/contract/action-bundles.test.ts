import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const tracked = new Set(execFileSync('git', ['ls-files', '--', 'actions/dist'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean));

/** Every file an entry loads, following its static and dynamic imports of relative paths. */
function closureOf(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.\.?\/[^"']+)["']/g)) visit(resolve(dirname(file), match[1]!));
  };
  visit(entry);
  return [...seen].map((file) => relative(root, file));
}

/** The script an action runs: `runs.main` of a JavaScript action, or the `node …` step of a composite one. */
function scriptOf(actionYml: string): string {
  const action = parse(readFileSync(join(root, actionYml), 'utf8')) as { runs: { using: string; main?: string; steps?: { run?: string }[] } };
  if (action.runs.main) return action.runs.main;
  const step = action.runs.steps!.map((s) => s.run ?? '').find((run) => run.startsWith('node '));
  const path = /^node "\$GITHUB_ACTION_PATH\/([^"]+)"$/.exec(step ?? '')?.[1];
  expect(path).toBeDefined();
  return relative(root, resolve(root, dirname(actionYml), path!));
}

describe('action bundles', () => {
  const actions = ['action.yml', ...readdirSync(join(root, 'actions')).filter((d) => statSync(join(root, 'actions', d)).isDirectory()).map((d) => `actions/${d}/action.yml`).filter((p) => spawnSync('test', ['-f', join(root, p)]).status === 0)];

  it('are one build: every action runs its own entry of actions/dist/', () => {
    expect(actions.length).toBeGreaterThanOrEqual(8);
    const scripts = actions.map(scriptOf);
    for (const script of scripts) expect(script).toMatch(/^actions\/dist\/[a-z0-9-]+\.js$/);
    expect(new Set(scripts).size).toBe(scripts.length);
  });

  it('are committed with everything they load: a workflow runs an action from the repository without building it', () => {
    for (const script of actions.map(scriptOf)) {
      for (const file of closureOf(join(root, script))) expect({ file, tracked: tracked.has(file) }).toEqual({ file, tracked: true });
    }
    // Exit status 1: no ignore rule matches the bundle (it stays tracked when rebuilt).
    expect(spawnSync('git', ['check-ignore', '--no-index', '-q', 'actions/dist/enforce-gates.js'], { cwd: root }).status).toBe(1);
    expect(tracked.has('actions/dist/licenses.txt')).toBe(true);
  });

  it('share their code: no two committed files are the same, and the whole build stays under 26 MB', () => {
    const files = [...tracked].filter((f) => f.endsWith('.js'));
    const contents = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8').replace(/^import\{createRequire[^\n]*\n/, '');
      expect({ file, sameAs: contents.get(text) }).toEqual({ file, sameAs: undefined });
      contents.set(text, file);
    }
    const bytes = [...tracked].reduce((n, f) => n + statSync(join(root, f)).size, 0);
    expect(bytes).toBeLessThan(26_000_000);
  });

  it('have a description the Marketplace shows whole: at most 125 characters', () => {
    const long = actions.map((path) => ({ path, length: String((parse(readFileSync(join(root, path), 'utf8')) as { description?: unknown }).description ?? '').length })).filter((a) => a.length === 0 || a.length > 125);
    expect(long).toEqual([]);
  });

  it('read their inputs before loading the gate: an entry imports its run module dynamically', () => {
    for (const script of actions.map(scriptOf)) expect({ script, lazy: /import\("\.\/chunks\/run-[A-Z0-9]+\.js"\)/.test(readFileSync(join(root, script), 'utf8')) }).toEqual({ script, lazy: true });
  });
});
