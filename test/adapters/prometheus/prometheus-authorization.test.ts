import { describe, expect, it } from '@jest/globals';
import { prometheusAuthorization, type PrometheusCredentials } from '../../../adapters/prometheus/prometheus-authorization.js';
import { MaestroError } from '../../../core/errors.js';

const names = { authorization: 'authorization', token: 'prometheus-token', username: 'prometheus-username', password: 'prometheus-password' };

describe('prometheusAuthorization', () => {
  it.each<[string, PrometheusCredentials, { authorization?: string; secrets: string[] }]>([
    ['no credentials', {}, { secrets: [] }],
    ['a bearer token', { token: 'abc' }, { authorization: 'Bearer abc', secrets: ['abc', 'Bearer abc'] }],
    ['a user name and password', { username: 'Aladdin', password: 'open sesame' }, { authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', secrets: ['open sesame', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==', 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='] }],
    ['a non-ASCII password, encoded as UTF-8 (RFC 7617 charset)', { username: 'test', password: '123£' }, { authorization: 'Basic dGVzdDoxMjPCow==', secrets: ['123£', 'dGVzdDoxMjPCow==', 'Basic dGVzdDoxMjPCow=='] }],
    ['a header value as is', { authorization: 'Token xyz' }, { authorization: 'Token xyz', secrets: ['Token xyz'] }],
  ])('with %s', (_what, credentials, expected) => {
    expect(prometheusAuthorization(credentials, names)).toEqual(expected);
  });

  it.each<[string, PrometheusCredentials, RegExp]>([
    ['a token and a header value', { token: 'a', authorization: 'Bearer b' }, /given twice: authorization, prometheus-token/],
    ['a token and basic auth', { token: 'a', username: 'u', password: 'p' }, /given twice: prometheus-token, prometheus-username and prometheus-password/],
    ['a user name without password', { username: 'u' }, /needs both prometheus-username and prometheus-password; prometheus-password is empty/],
    ['a password without user name', { password: 'p' }, /prometheus-username is empty/],
    ['a user name with a colon', { username: 'a:b', password: 'p' }, /contains a colon/],
    ['a token with a line break', { token: 'a\nX-Injected: 1' }, /prometheus-token for Prometheus contains a line break/],
  ])('refuses %s with a usage error', (_what, credentials, message) => {
    const call = () => prometheusAuthorization(credentials, names);
    expect(call).toThrow(MaestroError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as MaestroError).code).toBe('USAGE');
    }
  });
});
