import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../core/config/default-config.js';
import { parseConfig } from '../../../core/config/parse-config.js';

describe('parseConfig', () => {
  it('uses the defaults when there is no config file', () => {
    const result = parseConfig(undefined);
    expect(result.ok && result.config).toEqual(DEFAULT_CONFIG);
  });

  it('treats an empty file as defaults', () => {
    expect(parseConfig('# nothing yet\n').ok).toBe(true);
  });

  it('fills absent keys from the defaults and keeps the given ones', () => {
    const result = parseConfig('checkName: Release gate\ncomment:\n  mode: on-failure\nwaivers:\n  maxDays: 14\n');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.config.checkName).toBe('Release gate');
    expect(result.config.comment).toEqual({ mode: 'on-failure', drafts: false });
    expect(result.config.waivers).toEqual({ maxDays: 14, approvers: { teams: [], permissions: ['admin', 'maintain'] }, allowSelf: false });
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets nobody waive or override their own PR unless waivers.allowSelf / overrides.allowSelf say so', () => {
    expect([DEFAULT_CONFIG.waivers.allowSelf, DEFAULT_CONFIG.overrides.allowSelf]).toEqual([false, false]);
    const result = parseConfig('waivers:\n  allowSelf: true\noverrides:\n  allowSelf: true\n');
    expect(result.ok && [result.config.waivers.allowSelf, result.config.overrides.allowSelf, result.config.waivers.maxDays]).toEqual([true, true, 30]);
    expect(parseConfig('waivers:\n  allowSelf: yes please\n')).toMatchObject({ ok: false, issues: [{ key: 'waivers.allowSelf', line: 2 }] });
  });

  it.each([
    ['an unknown key, with a suggestion and the line', 'version: 1\ncontrols:\n  exlude: [GA-01]\n', { key: 'controls.exlude', line: 3, message: 'unknown key "exlude" (did you mean "exclude"?); known keys here: priorities, tags, exclude, customize' }],
    ['an unknown top-level key', 'treshold: 3\n', { key: 'treshold', line: 1, message: expect.stringContaining('unknown key "treshold" (did you mean "thresholds"?)') }],
    ['a wrong type', 'waivers:\n  maxDays: "two weeks"\n', { key: 'waivers.maxDays', line: 2, message: 'must be an integer, found the string "two weeks"' }],
    ['a value out of range', 'waivers:\n  maxDays: 900\n', { key: 'waivers.maxDays', line: 2, message: 'is 900, must be <= 365' }],
    ['a bad enum value', 'comment:\n  mode: sometimes\n', { key: 'comment.mode', line: 2, message: 'must be one of "always", "on-failure", "never", found "sometimes"' }],
    ['a threshold for an unknown kind', 'thresholds:\n  pentest:\n    max: 1\n', { key: 'thresholds.pentest', line: 2, message: '"pentest" is not an allowed name here' }],
    ['a config that is a list', '- a\n- b\n', { key: '', message: expect.stringContaining('must be a mapping') }],
  ])('reports %s', (_what, text, issue) => {
    const result = parseConfig(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(issue.key === '' ? expect.objectContaining(issue) : issue);
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parseConfig('version: 1\ncontrols:\n  exclude: [GA-01\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ key: '', line: expect.any(Number), message: expect.stringMatching(/^not valid YAML/) });
  });

  it('refuses duplicate keys instead of silently taking the last', () => {
    const result = parseConfig('checkName: a\ncheckName: b\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/unique|duplicate/i);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const result = parseConfig(bomb);
    expect(result.ok).toBe(false);
  });

  it('collects every problem, not only the first', () => {
    const result = parseConfig('checkName: ""\ncomment:\n  mode: loud\n  drafts: maybe\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.key)).toEqual(['checkName', 'comment.mode', 'comment.drafts']);
  });
});
