import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { assertionKey } from '../controls/build-catalog.js';
import type { Control } from '../controls/types.js';
import { MaestroError } from '../errors.js';
import type { Validator } from '../evidence/validator.js';

const addFormats = addFormatsModule.default;

/** ajv options for catalog assertions: strict, but fragments need not repeat `type: object`. */
export const ASSERTION_AJV_OPTIONS = { strict: true, strictTypes: false, strictRequired: false, allErrors: true, $data: true } as const;

/** The schema an assertion is compiled in: `data` is the report's data, `params` the resolved parameters. */
export function assertionEnvelope(id: string, assert: Record<string, unknown>): Record<string, unknown> {
  return { $id: id, type: 'object', required: ['data', 'params'], properties: { data: assert, params: { type: 'object' } } };
}

/**
 * Compiles the assertions of a catalog loaded at run time (the shipped catalog's are compiled
 * ahead of time). Loaded on demand, so a run with the shipped catalog never loads the compiler.
 */
export function compileAssertions(controls: Control[], keys: Set<string>): Map<string, Validator> {
  const ajv = new Ajv2020(ASSERTION_AJV_OPTIONS);
  addFormats(ajv);
  const out = new Map<string, Validator>();
  for (const control of controls) {
    control.evidence.forEach((req, index) => {
      if (!req.assert) return;
      const key = assertionKey(req.assert);
      if (!keys.has(key) || out.has(key)) return;
      try {
        out.set(key, ajv.compile(assertionEnvelope(`urn:maestro-conductor:assertion:${key}`, req.assert)) as unknown as Validator);
      } catch (error) {
        throw new MaestroError('CATALOG_INVALID', `the assertion of ${control.id} (${req.kind}) in ${control.source} is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`, {
          file: control.source,
          pointer: `/evidence/${index}/assert`,
          remedy: 'write the assertion as a JSON Schema 2020-12 fragment over the report data; reference parameters as {"$data": "/params/<name>"}.',
          cause: error,
        });
      }
    });
  }
  return out;
}
