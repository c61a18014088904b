import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { HANDLED_EVENTS } from '../../core/triggers/handled-events.js';
import { EVENT_PERMISSIONS, METHOD_PERMISSIONS as APP_METHOD_PERMISSIONS } from '../../adapters/github/permissions.js';
import { DRIFT_METHOD_PERMISSIONS } from '../../app/drift/drift-permissions.js';
import { COMMAND_METHOD_PERMISSIONS } from '../../app/commands/command-method-permissions.js';

const METHOD_PERMISSIONS = { ...APP_METHOD_PERMISSIONS, ...DRIFT_METHOD_PERMISSIONS, ...COMMAND_METHOD_PERMISSIONS };

const root = resolve(import.meta.dirname, '../..');
const manifest = parse(readFileSync(join(root, 'app.yml'), 'utf8')) as { default_events: string[]; default_permissions: Record<string, string>; hook_attributes: { url: string } };

/**
 * The text of every source file the App runs: app/main.ts and what it imports, followed through
 * relative imports (the GitHub adapter is shared with the CLI and the actions, whose calls the App
 * never makes, so a folder scan would ask for too much).
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
  return [...seen].map((file) => readFileSync(file, 'utf8'));
}

/** Every GitHub method the app's code calls: `octokit.rest.x.y`, `octokit.config.get`, `octokit.request('GET /…')`. */
function calledMethods(): Set<string> {
  const found = new Set<string>();
  for (const text of appSources()) {
    for (const m of text.matchAll(/octokit\.rest\.([a-zA-Z]+)\.([a-zA-Z]+)/g)) found.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/octokit\.config\.get/g)) found.add(m[0].replace('octokit.', ''));
    for (const m of text.matchAll(/octokit\.request\('((?:GET|POST|PATCH|PUT|DELETE) [^']+)'/g)) found.add(m[1]!);
  }
  return found;
}

const LEVEL = { read: 1, write: 2 } as const;

describe('app.yml', () => {
  it('subscribes to exactly the events the app handles', () => {
    const handled = [...new Set(HANDLED_EVENTS.map((e) => e.split('.')[0]!))].sort();
    expect([...manifest.default_events].sort()).toEqual(handled);
  });

  it('asks for exactly the permissions the called GitHub methods need, at the level they need', () => {
    const called = calledMethods();
    const unknown = [...called].filter((m) => !METHOD_PERMISSIONS[m]);
    expect(unknown).toEqual([]);
    const needed: Record<string, 'read' | 'write'> = {};
    for (const method of called) {
      const { permission, access } = METHOD_PERMISSIONS[method]!;
      if (!needed[permission] || LEVEL[access] > LEVEL[needed[permission]]) needed[permission] = access;
    }
    for (const event of manifest.default_events) {
      const rule = EVENT_PERMISSIONS[event];
      if (rule && (!needed[rule.permission] || LEVEL[rule.access] > LEVEL[needed[rule.permission]!])) needed[rule.permission] = rule.access;
    }
    expect(manifest.default_permissions).toEqual(needed);
  });

  it('finds the calls it checks (the scan is not empty)', () => {
    expect(calledMethods().size).toBeGreaterThanOrEqual(10);
  });

  it('points webhooks at the default Probot path', () => {
    expect(manifest.hook_attributes.url).toMatch(/\/api\/github\/webhooks$/);
  });
});
