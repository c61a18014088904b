import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import '../../helpers/build-evidence.js';

const parse = (text: string | Uint8Array) => parseEvidence(typeof text === 'string' ? Buffer.from(text) : text, 'r.json');

describe('parseEvidence', () => {
  it.each([
    ['a syntax error, with line and column', '{\n  "kind": "a11y",\n  "data": x\n}', 'not valid JSON: invalid symbol at line 3, column 11'],
    ['a trailing comma', '{"kind":"a11y",}', 'not valid JSON: property name expected at line 1, column 16'],
    ['an empty file', '  \n', 'the file is empty; an evidence report is a JSON object'],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'the file is not UTF-8 text; evidence reports are JSON documents'],
  ])('explains %s', (_what, input, message) => {
    expect(parse(input)).toMatchObject({ status: 'invalid', code: 'JSON_SYNTAX', issues: [{ pointer: '', message }] });
  });

  it('names the known kinds when the kind is unknown', () => {
    expect(parse('{"kind":"pentest"}')).toMatchObject({ code: 'UNKNOWN_KIND', issues: [{ pointer: '/kind', message: expect.stringMatching(/^kind "pentest": kind must be one of schema-diff, .*, link$/) }] });
  });

  it('keeps the subject of an invalid report so it can be matched to a requirement', () => {
    expect(parse('{"kind":"a11y","subject":{"repo":"acme/web","sha":"abc"},"createdAt":"2026-11-20T00:00:00Z"}')).toMatchObject({
      kind: 'a11y',
      subject: { repo: 'acme/web', sha: 'abc' },
      createdAt: '2026-11-20T00:00:00Z',
    });
  });

  it('caps the number of issues reported for a badly wrong document', () => {
    const data = { violations: Array.from({ length: 500 }, () => ({ bogus: true })) };
    const result = parse(JSON.stringify({ kind: 'a11y', data }));
    expect(result.status === 'invalid' && result.issues.length).toBe(20);
  });

  it('records the sha256 and size of the exact bytes', () => {
    expect(parse('{}').ref).toEqual({ path: 'r.json', size: 2, sha256: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' });
  });
});
