import { describe, expect, it } from '@jest/globals';
import { escapeCode, escapeMarkdown, markdownLink } from '../../../core/util/escape-markdown.js';

describe('escapeMarkdown', () => {
  it.each([
    ['HTML tags', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a table break', 'a | b', 'a \\| b'],
    ['newlines', 'line one\n\n| x | y |\nline two', 'line one \\| x \\| y \\| line two'],
    ['emphasis and code', '**bold** _it_ `code` ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~'],
    ['a link or image', '![x](https://evil.example/p.png) [y](javascript:alert(1))', '!\\[x\\](https:/\u200b/evil.example/p.png) \\[y\\](javascript:alert(1))'],
    ['a user mention', 'cc @octocat', 'cc @\u200boctocat'],
    ['a team mention', 'cc @acme/security', 'cc @\u200bacme/security'],
    ['an issue reference', 'fixes #12', 'fixes \\#\u200b12'],
    ['a heading at the start', '# Title', '\\#\u200b Title'],
    ['a list at the start', '- item', '\\- item'],
    ['an ordered list at the start', '1. item', '1\\. item'],
    ['an HTML entity', '&#64;octocat &amp; co', '&amp;\\#\u200b64;octocat &amp;amp; co'],
    ['a bidi override', 'abc\u202Edef', 'abcdef'],
    ['a plain ampersand', 'R&D', 'R&D'],
  ])('neutralises %s', (_what, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('bounds the length of hostile text', () => {
    const out = escapeMarkdown('x'.repeat(70_000), 500);
    expect(out.length).toBe(500);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('escapeCode', () => {
  it('keeps a code span one line, without backticks, with pipes escaped for tables', () => {
    expect(escapeCode('a`b|c\nd')).toBe("`a'b\\|c d`");
  });
});

describe('markdownLink', () => {
  it('links only http and https URLs', () => {
    expect(markdownLink('run', 'https://github.com/acme/web/actions/runs/1')).toBe('[run](https://github.com/acme/web/actions/runs/1)');
    expect(markdownLink('run', 'javascript:alert(1)')).toBe('run');
    expect(markdownLink('run', 'not a url')).toBe('run');
  });

  it('encodes characters that could end the link early', () => {
    expect(markdownLink('x', 'https://e.example/a)b(c d')).toBe('[x](https://e.example/a%29b%28c%20d)');
  });
});

describe('escapeMarkdown on random hostile text', () => {
  // A small seeded generator: the same 2,000 strings on every run.
  let seed = 0x5eed;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = ['|', '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '!', '#', '@', '&', ';', '-', '+', '1', '.', ' ', '\n', '\r', 'a', 'Z', '/', ':', '~', '\u202e', '\u0000', 'é', '😀', 'script', 'img', 'https://x.example', '&#64;', '&lt;'];
  const strings = Array.from({ length: 2000 }, () => Array.from({ length: 1 + Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));

  it('never leaves a bare pipe, tag opener, newline, backtick or mention', () => {
    for (const input of strings) {
      const out = escapeMarkdown(input);
      // Remove escaped characters; what remains must hold nothing Markdown or HTML would act on.
      const bare = out.replace(/\\./g, '');
      expect([input, /[|<>`\n\r[\]]/.test(bare)]).toEqual([input, false]);
      expect([input, /@[A-Za-z0-9]/.test(out)]).toEqual([input, false]);
      expect([input, /&(?!amp;)#?[A-Za-z0-9]+;/.test(out)]).toEqual([input, false]);
    }
  });

  it('keeps a table row with hostile cells at its number of columns', () => {
    for (const input of strings.slice(0, 500)) {
      const row = `| ${escapeMarkdown(input)} | ${escapeCode(input)} |`;
      expect([input, row.replace(/\\\|/g, '').split('|').length]).toEqual([input, 4]);
    }
  });
});

describe('escapeMarkdown on hostile whitespace', () => {
  it('joins lines around their breaks and reads a 1 MB run of spaces in one pass', () => {
    expect(escapeMarkdown('first  \n\n  second\r\nthird ')).toBe('first second third ');
    const spaces = ' '.repeat(1_000_000);
    // Correctness only (no timing): a quadratic pattern would not return within the test timeout.
    expect(escapeMarkdown(`${spaces}x${spaces}`, 10)).toHaveLength(10);
  });
});
