import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { EVIDENCE_KINDS } from '../../core/evidence/kinds.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';

const fixtures = join(import.meta.dirname, '../fixtures/evidence');
const validFiles = readdirSync(join(fixtures, 'valid')).filter((f) => f.endsWith('.json'));
const invalidFiles = readdirSync(join(fixtures, 'invalid')).filter((f) => f.endsWith('.json') && f !== 'expected.json');
const expected = JSON.parse(readFileSync(join(fixtures, 'invalid/expected.json'), 'utf8')) as Record<string, string>;
const schemaDir = join(import.meta.dirname, '../../evidence-schemas');

describe('evidence schemas', () => {
  it.each(EVIDENCE_KINDS.map((k) => [k]))('%s has a schema, a valid example and an invalid example', (kind) => {
    expect(readdirSync(schemaDir)).toContain(`${kind}.v1.json`);
    expect(validFiles.some((f) => f.split('.')[0] === kind)).toBe(true);
    expect(invalidFiles.some((f) => f.split('.')[0] === kind)).toBe(true);
  });

  it.each(validFiles.map((f) => [f]))('accepts the valid example %s', (file) => {
    const result = parseEvidence(readFileSync(join(fixtures, 'valid', file)), file);
    expect(result.status === 'invalid' ? result.issues : []).toEqual([]);
    expect(result.status).toBe('valid');
  });

  it.each(invalidFiles.map((f) => [f]))('rejects the invalid example %s at the field it gets wrong', (file) => {
    const result = parseEvidence(readFileSync(join(fixtures, 'invalid', file)), file);
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.kind).toBe(file.split('.')[0]);
    expect(result.issues.map((i) => i.pointer)).toContain(expected[file]);
  });

  it('lists an expected pointer for every invalid example', () => {
    expect(Object.keys(expected).sort()).toEqual([...invalidFiles].sort());
  });

  describe('every schema is closed, so hostile input cannot hide in it', () => {
    const schemas = readdirSync(schemaDir).filter((f) => f.endsWith('.json'));
    it.each(schemas.map((f) => [f]))('%s constrains every object, array and string', (file) => {
      const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;
      expect(openPlaces(schema, '')).toEqual([]);
    });
  });
});

/** Places in a schema that accept unbounded or unconstrained content. */
function openPlaces(node: unknown, at: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  const s = node as Record<string, unknown>;
  const found: string[] = [];
  const isRoot = at === '';
  // The envelope's `data` is deliberately open: each kind's schema closes it.
  const isEnvelopeData = at === '/properties/data' && s.description?.toString().includes('Kind-specific');
  if (s.type === 'object' && !isRoot && !isEnvelopeData && s.additionalProperties === undefined && s.unevaluatedProperties === undefined) found.push(`${at}: object without additionalProperties`);
  if (s.additionalProperties === true) found.push(`${at}: additionalProperties true`);
  if (s.type === 'array' && (s.items === undefined || s.maxItems === undefined)) found.push(`${at}: array without items or maxItems`);
  if (s.type === 'string' && s.maxLength === undefined && s.pattern === undefined && s.format === undefined) found.push(`${at}: string without maxLength or pattern`);
  if (s.uniqueItems === true) found.push(`${at}: uniqueItems is quadratic on large input`);
  for (const [key, value] of Object.entries(s)) {
    if (key === 'enum' || key === 'const' || key === 'examples' || key === 'required') continue;
    if (Array.isArray(value)) value.forEach((v, i) => found.push(...openPlaces(v, `${at}/${key}/${i}`)));
    else if (value !== null && typeof value === 'object') found.push(...openPlaces(value, `${at}/${key}`));
  }
  return found;
}
