import { describe, expect, it } from '@jest/globals';
import { readResponse } from '../../../adapters/prometheus/prometheus-client.js';

describe('readResponse, when Prometheus or its proxy refuses the request', () => {
  it.each([
    ['401 with a text body', { status: 401, text: 'Unauthorized\n' }, 'HTTP 401 from Prometheus: the credentials are missing or were refused (check the bearer token, or the user name and password)'],
    ['401 with a JSON body', { status: 401, text: '{"status":"error","error":"authentication required"}' }, 'HTTP 401 from Prometheus: the credentials are missing or were refused (check the bearer token, or the user name and password)'],
    ['403', { status: 403, text: 'forbidden' }, 'HTTP 403 from Prometheus: the credentials were accepted but may not query (check their scopes or tenant)'],
  ])('says so for %s', (_what, response, error) => {
    expect(readResponse(response)).toEqual({ ok: false, error });
  });
});
