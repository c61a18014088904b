import { describe, expect, it } from '@jest/globals';
import { collapseRepeats, withCount } from '../../../core/render/collapse-repeats.js';
import { markdownInline, markdownToText } from '../../../core/render/markdown-to-text.js';
import { statusBarCells, renderStatusBar } from '../../../core/render/status-bar.js';
import { escapeCode, escapeMarkdown } from '../../../core/util/escape-markdown.js';

describe('markdownToText', () => {
  it('shows escaped untrusted text as it was written, with no backslash and no zero-width character', () => {
    for (const text of ['**/auth/**', '1.0.0', 'http://127.0.0.1:9/x', '@octocat #12 <b>x</b> | a_b', '- [x] not a list']) {
      expect(markdownInline(escapeMarkdown(text))).toBe(text);
    }
    expect(markdownInline(escapeCode('C:\\x\\*|y'))).toBe('C:\\x\\*|y');
  });

  it('aligns tables, drops the heading marks and italics, and writes links as text and address', () => {
    const md = '### ✅ k6: 3 of 3 thresholds met\n\n| Metric | Value |\n| - | - |\n| http\\_req\\_duration p(95) | 120 ms |\n| checks | 100% |\n\n- see [the run](https://example.com/r/1)\n\n_Policy: k6 `0.50`._\n';
    expect(markdownToText(md, { color: false })).toBe('✓ k6: 3 of 3 thresholds met\n\n  Metric                   Value\n  http_req_duration p(95)  120 ms\n  checks                   100%\n\n- see the run (https://example.com/r/1)\n\nPolicy: k6 0.50.\n');
  });
});

describe('collapseRepeats', () => {
  it('keeps each message once, in order, with its count', () => {
    expect(collapseRepeats(['a', 'b', 'a', 'a']).map(withCount)).toEqual(['a (×3)', 'b']);
  });
});

describe('the status bar', () => {
  it('gives each control a square up to 20, then shares, never none to a state that has a control', () => {
    expect(statusBarCells({ met: 2, waived: 1, 'not met': 0, 'not applicable': 3 })).toEqual({ met: 2, waived: 1, 'not met': 0, 'not applicable': 3 });
    const cells = statusBarCells({ met: 1, waived: 0, 'not met': 5, 'not applicable': 294 });
    expect(Object.values(cells).reduce((a, b) => a + b, 0)).toBe(20);
    expect(cells.met).toBe(1);
    expect(renderStatusBar({ counts: { pass: 2, fail: 1, missing: 0, stale: 1, invalid: 0, waived: 0, 'not-applicable': 1 } })).toBe('🟩🟩🟥🟥⬜ 2 met · 2 not met · 1 not applicable');
  });
});
