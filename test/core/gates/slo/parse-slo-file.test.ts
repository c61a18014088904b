import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parsePrecomputedSlis } from '../../../../core/gates/slo/parse-precomputed-slis.js';
import { parseSloFile } from '../../../../core/gates/slo/parse-slo-file.js';
import { readResponse } from '../../../../adapters/prometheus/prometheus-client.js';

const q = 'sum(rate(x[{{window}}]))';

describe('parseSloFile', () => {
  it('reads the SLOs with their lines, the default window and the policy', () => {
    const file = parseSloFile(readFileSync(join(import.meta.dirname, '../../../fixtures/slo/slos.yml'), 'utf8'), 'slos.yml');
    expect(file.policy).toEqual({ warnAbove: 0.2, blockAbove: 0.3, releaseBelow: 0.1 });
    expect(file.slos.map((s) => [s.service, s.name, s.window, s.line])).toEqual([['steady', 'availability', '3d', 7], ['warm', 'availability', '3d', 14], ['hot', 'availability', '3d', 21], ['recovering', 'availability', '3d', 27]]);
  });

  it('takes the service from the top of the file and 30d as the default window', () => {
    const file = parseSloFile(`version: 1\nservice: api\nslos:\n  - name: latency\n    objective: 0.99\n    sli: { errorRatio: '${q}' }\n`, 's.yml');
    expect(file.slos).toEqual([{ name: 'latency', service: 'api', objective: 0.99, window: '30d', sli: { errorRatio: q }, line: 4 }]);
  });

  it.each([
    ['YAML that does not parse', 'version: 1\nslos: [', /^SLO file s\.yml is not valid YAML: .*\(line \d\)/],
    ['an objective given in percent', `version: 1\nservice: a\nslos:\n  - name: x\n    objective: 99.9\n    sli: { errorRatio: '${q}' }\n`, /\/slos\/0\/objective \(line 5\): is 99\.9, must be < 1/],
    ['a query without {{window}}', `version: 1\nservice: a\nslos:\n  - name: x\n    objective: 0.99\n    sli: { errorRatio: 'sum(rate(x[5m]))' }\n`, /\/slos\/0\/sli\/errorRatio \(line 6\): has no \{\{window\}\} where the range goes/],
    ['an unknown key', `version: 1\nservice: a\nslo: []\nslos:\n  - name: x\n    objective: 0.99\n    sli: { errorRatio: '${q}' }\n`, /unknown field "slo"/],
    ['both kinds of indicator', `version: 1\nservice: a\nslos:\n  - name: x\n    objective: 0.99\n    sli: { errorRatio: '${q}', good: '${q}', total: '${q}' }\n`, /the sli of a\/x must have either good and total, or errorRatio \(line 6\)/],
    ['good without total', `version: 1\nservice: a\nslos:\n  - name: x\n    objective: 0.99\n    sli: { good: '${q}' }\n`, /must have either good and total, or errorRatio/],
    ['no service', `version: 1\nslos:\n  - name: x\n    objective: 0.99\n    sli: { errorRatio: '${q}' }\n`, /the SLO x names no service and the file has none/],
    ['a duplicate SLO', `version: 1\nservice: a\nslos:\n  - { name: x, objective: 0.9, sli: { errorRatio: '${q}' } }\n  - { name: x, objective: 0.9, sli: { errorRatio: '${q}' } }\n`, /the service a has two SLOs named x/],
    ['a policy out of order', `version: 1\nservice: a\npolicy: { warnAbove: 0.5, blockAbove: 0.3 }\nslos:\n  - { name: x, objective: 0.9, sli: { errorRatio: '${q}' } }\n`, /releaseBelow <= warnAbove <= blockAbove, not 0\.1, 0\.5, 0\.3 \(line 3\)/],
    ['an alias bomb', `version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /not valid YAML: .*alias/i],
  ])('refuses %s, naming the key and line', (_name, text, message) => {
    expect(() => parseSloFile(text, 's.yml')).toThrow(message);
  });
});

describe('parsePrecomputedSlis', () => {
  it('reads error ratios by window; a missing or null window cannot be read', () => {
    const parsed = parsePrecomputedSlis({ version: 1, at: '2026-11-20T12:00:00Z', slos: [{ name: 'a', service: 's', objective: 0.99, window: '28d', errorRatios: { '28d': 0.001, '5m': null, '30m': 0, '1h': 0 } }] }, 'slis.json');
    expect(parsed.slos[0]!.readings).toEqual({ '28d': { ok: true, ratio: 0.001 }, '5m': { ok: false, error: 'slis.json gives no error ratio for 5m' }, '30m': { ok: true, ratio: 0 }, '1h': { ok: true, ratio: 0 }, '6h': { ok: false, error: 'slis.json gives no error ratio for 6h' } });
  });

  it('refuses a ratio above 1, naming the field', () => {
    expect(() => parsePrecomputedSlis({ version: 1, at: '2026-11-20T12:00:00Z', slos: [{ name: 'a', service: 's', objective: 0.99, errorRatios: { '30d': 2 } }] }, 'slis.json')).toThrow(/precomputed SLIs slis\.json are not valid: \/slos\/0\/errorRatios\/30d/);
  });
});

describe('readResponse (the Prometheus query API envelope)', () => {
  const ok = (result: unknown, resultType = 'vector') => ({ status: 200, text: JSON.stringify({ status: 'success', data: { resultType, result } }) });
  it.each([
    ['one series', ok([{ metric: {}, value: [1, '0.25'] }]), { ok: true, value: 0.25 }],
    ['a scalar', ok([1, '3'], 'scalar'), { ok: true, value: 3 }],
    ['an empty result', ok([]), { ok: false, error: 'no data: the query returned an empty result (no matching series in the window)' }],
    ['two series', ok([{ value: [1, '1'] }, { value: [1, '2'] }]), { ok: false, error: 'the query returned 2 series; aggregate them into one, such as with sum()' }],
    ['NaN', ok([{ value: [1, 'NaN'] }]), { ok: false, error: 'the query returned NaN (such as 0/0 when there was no traffic in the window)' }],
    ['+Inf', ok([{ value: [1, '+Inf'] }]), { ok: false, error: 'the query returned +Inf' }],
    ['a matrix', ok([], 'matrix'), { ok: false, error: expect.stringContaining('the query returned a matrix result') }],
    ['a query error', { status: 400, text: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }) }, { ok: false, error: 'the query failed (HTTP 400, bad_data: parse error)' }],
    ['an HTML error page', { status: 502, text: '<html>Bad Gateway</html>' }, { ok: false, error: 'HTTP 502 from Prometheus with a body that is not its JSON API (a proxy or a wrong URL?)' }],
  ])('%s', (_name, response, expected) => {
    expect(readResponse(response)).toEqual(expected);
  });
});
