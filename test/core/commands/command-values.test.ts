import { describe, expect, it } from '@jest/globals';
import { checkControlId, checkDate, checkLogin, checkReason } from '../../../core/commands/command-values.js';

describe('checkLogin', () => {
  it.each([['octocat'], ['@octocat'], ['mona-lisa'], ['a'], ['A1'], ['x'.repeat(39)]])('accepts %s', (token) => {
    expect(checkLogin(token)).toEqual({ ok: true, value: token.replace('@', '') });
  });

  it.each([['@'], ['-lead'], ['x'.repeat(40)], ['user_name'], ['dependabot[bot]'], ['\u00E9lodie'], ['@org/']])('refuses %s', (token) => {
    expect(checkLogin(token)).toMatchObject({ ok: false, message: expect.stringContaining('is not a GitHub login') });
  });
});

describe('checkControlId', () => {
  it.each([
    ['GA-25', 'GA-25'],
    ['ga-8', 'GA-08'],
    ['Soc2-1234', 'SOC2-1234'],
  ])('%s is %s', (token, id) => {
    expect(checkControlId(token)).toEqual({ ok: true, value: id });
  });

  it.each([['GA'], ['GA-'], ['-25'], ['2A-25'], ['GA-12345'], ['ABCDEFGHIJK-01'], ['GA-2x'], ['G\u0391-25']])('refuses %s', (token) => {
    expect(checkControlId(token).ok).toBe(false);
  });
});

describe('checkDate', () => {
  it.each([['2026-12-31'], ['2028-02-29'], ['2000-01-01']])('accepts %s', (token) => {
    expect(checkDate(token)).toEqual({ ok: true, value: token });
  });

  it.each([['2026-02-29'], ['2026-04-31'], ['2026-00-10'], ['2026-01-00'], ['1999-12-31'], ['2026-1-01'], ['2026/01/01'], ['２０２６-01-01'], ['+20260-1-01']])('refuses %s', (token) => {
    expect(checkDate(token).ok).toBe(false);
  });
});

describe('checkReason', () => {
  it('requires one and bounds it in code points, not UTF-16 units', () => {
    expect(checkReason(undefined)).toMatchObject({ ok: false });
    expect(checkReason('   ')).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
    expect(checkReason('\u{1F600}'.repeat(1000))).toMatchObject({ ok: true });
    expect(checkReason('\u{1F600}'.repeat(1001))).toMatchObject({ ok: false, message: 'the reason is 1001 characters long; at most 1000' });
  });
});
