import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../core/config/parse-config.js';
import { parseYaml } from '../../../core/util/parse-yaml.js';

describe('parseYaml and repeated keys', () => {
  it.each([
    ['a repeated threshold', 'thresholds:\n  a11y:\n    maxCritical: 7\n    maxCritical: 0\n', 'duplicate key "maxCritical" in thresholds.a11y (lines 3 and 4): a key may appear only once in a mapping', 4],
    ['a key quoted once and plain once', 'checkName: a\n"checkName": b\n', 'duplicate key "checkName" at the top level (lines 1 and 2): a key may appear only once in a mapping', 2],
    // The yaml library compares key values: 1 and "1", true and "true", ~ and "" differ there, but become one property.
    ['a number key and its string', 'controls:\n  1: a\n  "1": b\n', 'duplicate key "1" in controls (lines 2 and 3): a key may appear only once in a mapping', 3],
    ['a boolean key and its string', 'true: a\n"true": b\n', 'duplicate key "true" at the top level (lines 1 and 2): a key may appear only once in a mapping', 2],
    ['a null key and the empty string', '~: a\n"": b\n', 'duplicate key "" at the top level (lines 1 and 2): a key may appear only once in a mapping', 2],
    ['keys in a flow mapping inside a list', 'waivers:\n  - {controlId: GA-01, controlId: GA-02}\n', 'duplicate key "controlId" in waivers[0] (twice on line 2): a key may appear only once in a mapping', 2],
    ['a JSON-style document', '{"checkName": "a", "checkName": "b"}', 'duplicate key "checkName" at the top level (twice on line 1): a key may appear only once in a mapping', 1],
  ])('refuses %s, naming the key, where and the lines', (_what, text, message, line) => {
    expect(parseYaml(text)).toEqual({ ok: false, message, line });
  });

  it.each([
    ['the same key in two mappings', 'a:\n  k: 1\nb:\n  k: 2\n'],
    ['null and the string "null"', 'null: 1\n"null": 2\n'],
    ['an alias used twice', 'x: &a {k: 1}\ny: *a\nz: *a\n'],
  ])('accepts %s', (_what, text) => {
    expect(parseYaml(text).ok).toBe(true);
  });

  it('makes .github/maestro.yml with a repeated key invalid, naming the key and its line', () => {
    const result = parseConfig('version: 1\nthresholds:\n  a11y:\n    maxCritical: 7\n    maxCritical: 0\n');
    expect(result).toMatchObject({ ok: false, issues: [{ key: '', line: 5, message: 'not valid YAML: duplicate key "maxCritical" in thresholds.a11y (lines 4 and 5): a key may appear only once in a mapping' }] });
  });
});
