import { buildASTSchema, buildClientSchema, GraphQLError, parse, validateSchema, type DocumentNode, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import { MaestroError } from '../../errors.js';
import { parseJsonText } from '../../evidence/parse-json-text.js';

/** A schema ready to diff; `document` is kept for SDL sources, to place annotations on lines. */
export interface ParsedSchema {
  schema: GraphQLSchema;
  document?: DocumentNode;
}

/**
 * Bounds the parser's work on hostile input: GitHub's public schema, one of the largest there is,
 * has about 400,000 tokens.
 */
export const MAX_SCHEMA_TOKENS = 4_000_000;
const MAX_LISTED_ERRORS = 5;

/**
 * Parses SDL or an introspection result (`{"data":{"__schema":...}}` or `{"__schema":...}`) into a
 * validated schema. Errors name the source and, for SDL, the line and column.
 */
export function parseGraphqlSchema(bytes: Uint8Array, source: string): ParsedSchema {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.trimStart().startsWith('{') ? fromIntrospection(bytes, source) : fromSdl(text, source);
}

function fromSdl(text: string, source: string): ParsedSchema {
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: MAX_SCHEMA_TOKENS });
  } catch (cause) {
    throw invalid(source, [cause as GraphQLError], 'fix the GraphQL syntax at the given line and column.');
  }
  const sdlErrors = validateSDL(document);
  if (sdlErrors.length > 0) throw invalid(source, sdlErrors, 'fix the schema definition; every type and field must be defined once and every referenced type must exist.');
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const schemaErrors = validateSchema(schema);
  if (schemaErrors.length > 0) throw invalid(source, schemaErrors, 'fix the schema so that it is valid GraphQL.');
  return { schema, document };
}

function fromIntrospection(bytes: Uint8Array, source: string): ParsedSchema {
  const parsed = parseJsonText(bytes);
  if (!parsed.ok) throw new MaestroError('JSON_SYNTAX', `schema ${source} is ${parsed.message}`, { file: source, remedy: 'pass GraphQL SDL or the JSON result of an introspection query.' });
  const value = parsed.value as { data?: { __schema?: unknown }; __schema?: unknown } | null;
  const introspection = value?.data?.__schema ? value.data : value?.__schema ? value : undefined;
  if (!introspection) {
    throw new MaestroError('GRAPHQL_SCHEMA_INVALID', `schema ${source} is JSON but not an introspection result (no __schema or data.__schema)`, { file: source, pointer: '/__schema', remedy: 'pass GraphQL SDL or the JSON result of an introspection query.' });
  }
  let schema: GraphQLSchema;
  try {
    schema = buildClientSchema(introspection as IntrospectionQuery);
  } catch (cause) {
    throw new MaestroError('GRAPHQL_SCHEMA_INVALID', `schema ${source} is not a complete introspection result: ${(cause as Error).message}`, { file: source, remedy: 'run the full introspection query (getIntrospectionQuery) again and pass its result unchanged.', cause });
  }
  const errors = validateSchema(schema);
  if (errors.length > 0) throw invalid(source, errors, 'fix the schema so that it is valid GraphQL.');
  return { schema };
}

function invalid(source: string, errors: readonly GraphQLError[], remedy: string): MaestroError {
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((e) => {
    const at = e.locations?.[0];
    return `${at ? `${source}:${at.line}:${at.column}: ` : ''}${e.message}`;
  });
  const more = errors.length > MAX_LISTED_ERRORS ? `; and ${errors.length - MAX_LISTED_ERRORS} more` : '';
  return new MaestroError('GRAPHQL_SCHEMA_INVALID', `schema ${source} is not a valid GraphQL schema: ${listed.join('; ')}${more}`, { file: source, remedy, cause: errors[0] });
}
