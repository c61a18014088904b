import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { HANDLED_EVENTS } from '../../core/triggers/handled-events.js';
import { EVENT_PERMISSIONS, METHOD_PERMISSIONS as APP_METHOD_PERMISSIONS } from '../../adapters/github/permissions.js';
import { DRIFT_FIX_FILES, DRIFT_FIX_METHOD_PERMISSIONS, DRIFT_SWEEP_METHOD_PERMISSIONS } from '../../app/drift/drift-permissions.js';
import { COMMAND_METHOD_PERMISSIONS } from '../../app/commands/command-method-permissions.js';

type Level = 'read' | 'write';
type MethodPermissions = Record<string, { permission: string; access: Level }>;
interface Manifest {
  name: string;
  default_events: string[];
  default_permissions: Record<string, Level>;
  hook_attributes: { url: string; active?: boolean };
}

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const manifests = { 'app.yml': parse(read('app.yml')) as Manifest, 'app-drift.yml': parse(read('app-drift.yml')) as Manifest };
const LEVEL = { read: 1, write: 2 } as const;

/**
 * Every source file the App runs: app/main.ts and what it imports, followed through relative
 * imports (the GitHub adapter is shared with the CLI and the actions, whose calls the App never
 * makes, so a folder scan of adapters/github would ask for too much), as repo-relative paths.
 */
function appSources(): string[] {
  const seen = new Set<string>();
  const queue = [join(root, 'app/main.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)\.js'/g)) {
      const target = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(target)) queue.push(target);
    }
  }
  return [...seen].map((file) => relative(root, file));
}

/** Every GitHub method the files call: `octokit.rest.x.y` (or `jwt.rest.x.y`), `octokit.config.get`, `octokit.request('GET /…')`, `octokit.graphql`. */
function calledMethods(files: string[]): Set<string> {
  const found = new Set<string>();
  for (const text of files.map(read)) {
    for (const m of text.matchAll(/\b(?:octokit|jwt)\.rest\.([a-zA-Z]+)\.([a-zA-Z]+)/g)) found.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/octokit\.config\.get/g)) found.add(m[0].replace('octokit.', ''));
    for (const m of text.matchAll(/octokit\.request\('((?:GET|POST|PATCH|PUT|DELETE) [^']+)'/g)) found.add(m[1]!);
    if (/octokit\.graphql\b/.test(text)) found.add('graphql');
  }
  return found;
}

/** Each App: the files whose calls run with its token, the permission map of those calls, the events whose delivery needs a permission. */
const sources = appSources();
const APPS = {
  'app.yml': { files: sources.filter((f) => !DRIFT_FIX_FILES.includes(f)), map: { ...APP_METHOD_PERMISSIONS, ...COMMAND_METHOD_PERMISSIONS, ...DRIFT_SWEEP_METHOD_PERMISSIONS } as MethodPermissions, events: EVENT_PERMISSIONS },
  'app-drift.yml': { files: DRIFT_FIX_FILES, map: DRIFT_FIX_METHOD_PERMISSIONS as MethodPermissions, events: {} as typeof EVENT_PERMISSIONS },
} as const;
type AppFile = keyof typeof APPS;

/** The permissions an App needs, at the highest level any of its calls or events needs. */
function needed(app: AppFile): Record<string, Level> {
  const { files, map, events } = APPS[app];
  const out: Record<string, Level> = {};
  const need = (rule: { permission: string; access: Level }) => {
    if (!out[rule.permission] || LEVEL[rule.access] > LEVEL[out[rule.permission]!]) out[rule.permission] = rule.access;
  };
  for (const method of calledMethods(files)) need(map[method]!);
  for (const event of manifests[app].default_events) if (events[event]) need(events[event]!);
  return out;
}

/** The rows of the Markdown table under `### <heading>` in the section of docs/permissions.md about `file`. */
function tableRows(file: AppFile, heading: string): string[][] {
  const doc = read('docs/permissions.md');
  const section = doc.split(/^## /m).find((s) => s.split('\n')[0]!.includes(`(${file})`));
  if (!section) throw new Error(`docs/permissions.md has no "## ... (${file})" section`);
  const part = section.split(/^### /m).find((s) => s.startsWith(heading));
  if (!part) throw new Error(`docs/permissions.md, section ${file}, has no "### ${heading}"`);
  return part.split('\n').filter((l) => l.startsWith('|')).slice(2).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

/** The `code` spans of a table cell. */
const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe.each(Object.keys(APPS) as AppFile[])('%s', (app) => {
  const manifest = manifests[app];

  it('finds the calls it checks (the scan is not empty)', () => {
    expect(calledMethods(APPS[app].files).size).toBeGreaterThanOrEqual(app === 'app.yml' ? 10 : 5);
  });

  it('knows the permission of every GitHub method its code calls', () => {
    expect([...calledMethods(APPS[app].files)].filter((m) => !APPS[app].map[m])).toEqual([]);
  });

  it('asks for exactly the permissions its calls and events need, at the level they need, and no other', () => {
    expect(manifest.default_permissions).toEqual(needed(app));
  });

  it('is mapped in docs/permissions.md: one row per permission, naming exactly the calls that need it', () => {
    const rows = tableRows(app, 'Permissions');
    expect(Object.fromEntries(rows.map((r) => [codes(r[0]!)[0], r[1]]))).toEqual(manifest.default_permissions);
    const called = [...calledMethods(APPS[app].files)];
    for (const row of rows) {
      const permission = codes(row[0]!)[0]!;
      expect({ permission, calls: codes(row[3]!).sort() }).toEqual({ permission, calls: called.filter((m) => APPS[app].map[m]!.permission === permission).sort() });
      expect(row[2]!.length).toBeGreaterThan(10);
    }
  });

  it('lists its events in docs/permissions.md exactly', () => {
    const rows = app === 'app.yml' ? tableRows(app, 'Events') : [];
    expect(rows.map((r) => codes(r[0]!)[0]).sort()).toEqual([...manifest.default_events].sort());
  });
});

describe('app.yml', () => {
  it('subscribes to exactly the events the app handles', () => {
    const handled = [...new Set(HANDLED_EVENTS.map((e) => e.split('.')[0]!))].sort();
    expect([...manifests['app.yml'].default_events].sort()).toEqual(handled);
  });

  it('writes no code: contents is read-only and workflows absent, so a leaked token cannot push', () => {
    expect(manifests['app.yml'].default_permissions).toMatchObject({ contents: 'read' });
    expect(manifests['app.yml'].default_permissions.workflows).toBeUndefined();
  });

  it('points webhooks at the default Probot path', () => {
    expect(manifests['app.yml'].hook_attributes.url).toMatch(/\/api\/github\/webhooks$/);
  });
});

describe('app-drift.yml', () => {
  it('is a separate App that receives no webhook', () => {
    expect(manifests['app-drift.yml'].name).not.toBe(manifests['app.yml'].name);
    expect(manifests['app-drift.yml']).toMatchObject({ default_events: [], hook_attributes: { active: false } });
  });

  it('runs its calls from files the App loads, and hands its client to the fix writer only', () => {
    expect(DRIFT_FIX_FILES.every((f) => sources.includes(f))).toBe(true);
    const sweep = read('app/drift/sweep-drift.ts');
    expect([...sweep.matchAll(/upsertFixPullRequest\((\w+)/g)].map((m) => m[1])).toEqual(['writer']);
    expect(sweep).toMatch(/const writer = await options\.fixer!\.forRepo\(/);
  });
});
