import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { truncate } from '../../util/escape-markdown.js';
import { indexSchemaLines, lineOf } from './index-schema-lines.js';
import type { ParsedSchema } from './parse-graphql-schema.js';
import type { Criticality, Deprecation, SchemaChange } from './types.js';

const CRITICALITY: Record<CriticalityLevel, Criticality> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};
/** Bounds of evidence-schemas/schema-diff.v1.json. */
const MAX_TEXT = 2000;
const MAX_PATH = 1000;
const ORDER: Record<Criticality, number> = { breaking: 0, dangerous: 1, safe: 2 };

/** The changes between two schemas, classified and placed on lines of the new SDL, and the deprecations. */
export interface SchemaDiff {
  changes: SchemaChange[];
  deprecations: Deprecation[];
}

/**
 * Diffs two schemas with graphql-inspector: every change with its criticality (breaking, dangerous,
 * safe) and reason, sorted most critical first; plus the elements deprecated in the new schema and
 * the deprecated elements it removes (announced removals, still reported as changes).
 */
export async function diffGraphqlSchemas(oldSchema: ParsedSchema, newSchema: ParsedSchema): Promise<SchemaDiff> {
  const raw = await diff(oldSchema.schema, newSchema.schema);
  const lines = newSchema.document ? indexSchemaLines(newSchema.document) : undefined;
  const changes = raw.map((change) => toChange(change, lines));
  changes.sort((a, b) => ORDER[a.criticality] - ORDER[b.criticality] || a.path.localeCompare(b.path) || a.type.localeCompare(b.type));
  return { changes, deprecations: findDeprecations(oldSchema.schema, newSchema.schema) };
}

function toChange(change: Change, lines: Map<string, number> | undefined): SchemaChange {
  const path = change.path ?? '';
  const line = lines && path ? lineOf(lines, path) : undefined;
  return {
    criticality: CRITICALITY[change.criticality.level],
    type: String(change.type),
    path: truncate(path, MAX_PATH),
    // Description changes quote both descriptions whole; the report keeps a bounded excerpt.
    message: truncate(change.message, MAX_TEXT),
    ...(change.criticality.reason ? { reason: truncate(change.criticality.reason, MAX_TEXT) } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** Deprecated elements of the new schema, then deprecated elements of the old one that the new one lacks. */
function findDeprecations(oldSchema: GraphQLSchema, newSchema: GraphQLSchema): Deprecation[] {
  const current = collectElements(newSchema);
  const result: Deprecation[] = [];
  const add = (path: string, reason: string | undefined, removed: boolean): void => {
    result.push(reason === undefined ? { path: truncate(path, MAX_PATH), removed } : { path: truncate(path, MAX_PATH), reason: truncate(reason, MAX_TEXT), removed });
  };
  for (const [path, reason] of current.deprecated) add(path, reason, false);
  for (const [path, reason] of collectElements(oldSchema).deprecated) if (!current.all.has(path)) add(path, reason, true);
  return result.sort((a, b) => Number(b.removed) - Number(a.removed) || a.path.localeCompare(b.path));
}

/** Every field, argument, input field and enum value coordinate of a schema, and the deprecated ones with their reasons. */
function collectElements(schema: GraphQLSchema): { all: Set<string>; deprecated: Map<string, string | undefined> } {
  const all = new Set<string>();
  const deprecated = new Map<string, string | undefined>();
  const visit = (path: string, reason: string | null | undefined): void => {
    all.add(path);
    if (reason !== null && reason !== undefined) deprecated.set(path, reason === '' ? undefined : reason);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        visit(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) visit(`${type.name}.${field.name}.${arg.name}`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) visit(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) visit(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return { all, deprecated };
}
