import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');

describe('action bundles', () => {
  it('are committed: a workflow runs the action from the repository without building it', () => {
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } };
    expect(action.runs.using).toBe('node24');
    const tracked = execFileSync('git', ['ls-files', '--', action.runs.main], { cwd: root, encoding: 'utf8' }).trim();
    expect(tracked).toBe(action.runs.main);
    // Exit status 1: no ignore rule matches the bundle (it stays tracked when rebuilt).
    expect(spawnSync('git', ['check-ignore', '--no-index', '-q', action.runs.main], { cwd: root }).status).toBe(1);
  });
});
