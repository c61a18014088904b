import { assertionKey } from '../controls/build-catalog.js';
import type { ParamValue } from '../controls/types.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import type { SchemaError, Validator } from '../evidence/validator.js';
import { getAtPointer } from '../util/json-pointer.js';
import { describeField } from './describe-field.js';

/** Finds the compiled validator of an assertion by its key (see `assertionKey`). */
export type AssertionRegistry = (key: string) => Validator | undefined;

/**
 * Checks a report's data against a catalog assertion with the resolved parameters. Returns one
 * sentence per failed rule, naming the field, its value and the bound (and the parameter behind
 * the bound), or nothing when the data meets the assertion.
 */
export function checkAssertion(assert: Record<string, unknown>, data: unknown, params: Record<string, ParamValue>, registry: AssertionRegistry): string[] {
  const validate = registry(assertionKey(assert));
  if (!validate) throw new Error(`assertion ${assertionKey(assert)} was not compiled; prepare the catalog's assertions before evaluating`);
  const doc = { data, params };
  if (validate(doc)) return [];
  const schema = { properties: { data: assert } };
  return toSchemaIssues(validate.errors ?? [], doc, (error) => parameterNote(error, schema)).map((issue) => {
    const field = describeField(issue.pointer, doc);
    if (issue.message.startsWith('required field')) return `${field} is missing`;
    if (/^(is|must|has) /.test(issue.message)) return `${field} ${issue.message}`;
    return `${field}: ${issue.message}`;
  });
}

/** `(parameter maxMinor)` when the failed bound came from a parameter. */
function parameterNote(error: SchemaError, schema: unknown): string | undefined {
  const rule = getAtPointer(schema, error.schemaPath.replace(/^#/, ''));
  if (rule === null || typeof rule !== 'object') return undefined;
  const ref = (rule as Record<string, unknown>)['$data'];
  const match = typeof ref === 'string' ? /^\/params\/([A-Za-z0-9]+)$/.exec(ref) : null;
  return match ? `(parameter ${match[1]})` : undefined;
}
