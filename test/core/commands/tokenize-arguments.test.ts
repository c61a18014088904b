import { describe, expect, it } from '@jest/globals';
import { tokenizeArguments, unquote } from '../../../core/commands/tokenize-arguments.js';

describe('tokenizeArguments', () => {
  it.each([
    ['a  b,c\td', ['a', 'b', 'c', 'd']],
    ['"a b" \'c d\' \u201Ce f\u201D \u2018g h\u2019 \u201Ei j\u201C \u00ABk l\u00BB', ['a b', 'c d', 'e f', 'g h', 'i j', 'k l']],
    ['"say \\"hi\\"" "back\\\\slash" "keep \\n"', ['say "hi"', 'back\\slash', 'keep \\n']],
    ["it's", ["it's"]],
    ['"a"b', ['a', 'b']],
    ['""', ['']],
    ['a\u00A0b\u3000c\u2009d', ['a', 'b', 'c', 'd']],
  ])('splits %s', (text, values) => {
    const result = tokenizeArguments(text);
    expect(result.ok && result.tokens.map((t) => t.value)).toEqual(values);
  });

  it('takes the rest of the line after reason:, in any case, quotes and all', () => {
    expect(tokenizeArguments('GA-1 until 2026-01-01 REASON: "a" b, c: d')).toEqual({
      ok: true,
      tokens: [{ value: 'GA-1', quoted: false }, { value: 'until', quoted: false }, { value: '2026-01-01', quoted: false }],
      reason: ' "a" b, c: d',
    });
  });

  it('does not see reason: inside a quoted string', () => {
    expect(tokenizeArguments('"reason: x"')).toEqual({ ok: true, tokens: [{ value: 'reason: x', quoted: true }] });
  });

  it('names the column of an unclosed quote', () => {
    expect(tokenizeArguments('ok "never closed')).toEqual({ ok: false, message: 'the quote opened at column 4 is not closed' });
  });
});

describe('unquote', () => {
  it.each([
    ['  "Sprint 14"  ', 'Sprint 14'],
    ['\u201C GA \u201D', 'GA'],
    ['"a" and "b"', '"a" and "b"'],
    ['"unclosed', '"unclosed'],
    ['plain', 'plain'],
    ['"', '"'],
  ])('%s is %s', (text, expected) => {
    expect(unquote(text)).toBe(expected);
  });
});
