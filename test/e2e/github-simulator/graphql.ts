import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { rootValue, type GraphQLScope } from './graphql-resolvers.js';

/** One error as GitHub's GraphQL API reports it (its wording for the common validation errors, `type` for resolution errors). */
export interface GitHubGraphQLError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  type?: string;
  extensions?: Record<string, unknown>;
}

let schema: GraphQLSchema | undefined;

/** The schema file, found as Node finds packages (the package exports only its JavaScript entry, so it cannot be resolved by name). */
function schemaPath(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@octokit', 'graphql-schema', 'schema.graphql');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('@octokit/graphql-schema is not installed: run npm install');
  }
}

/**
 * GitHub's public schema from `@octokit/graphql-schema`, built once. The published SDL repeats two
 * enterprise fields word for word, which graphql-js's SDL check rejects; the schema itself is
 * valid, so the SDL check is skipped and the type system is still validated on first execution.
 */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchema(readFileSync(schemaPath(), 'utf8'), { assumeValidSDL: true });
  }
  return schema;
}

/** graphql-js messages in the words GitHub's GraphQL API (graphql-ruby) uses, with its error codes. */
function asGitHubError(error: GraphQLError): GitHubGraphQLError {
  const locations = error.locations?.map((l) => ({ line: l.line, column: l.column }));
  const base = { ...(locations ? { locations } : {}), ...(error.path ? { path: [...error.path] } : {}) };
  let match = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (match) return { ...base, message: `Field '${match[1]}' doesn't exist on type '${match[2]}'`, extensions: { code: 'undefinedField', typeName: match[2], fieldName: match[1] } };
  match = /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./.exec(error.message);
  if (match) return { ...base, message: `Field '${match[1]}' is missing required arguments: ${match[2]}`, extensions: { code: 'missingRequiredArguments', name: match[1], arguments: match[2] } };
  match = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./.exec(error.message);
  if (match) return { ...base, message: `Field '${match[3]}' doesn't accept argument '${match[1]}'`, extensions: { code: 'argumentNotAccepted', name: match[3], typeName: 'Field', argumentName: match[1] } };
  match = /^Variable "\$(\w+)" is not defined/.exec(error.message);
  if (match) return { ...base, message: `Variable $${match[1]} is used but not declared`, extensions: { code: 'variableNotDefined', variableName: match[1] } };
  match = /^Syntax Error: .*?(?:found (.+?))?\.?$/.exec(error.message);
  if (match) return { ...base, message: `Parse error on ${match[1] ?? 'end of file'} at [${locations?.[0]?.line ?? 1}, ${locations?.[0]?.column ?? 1}]` };
  const type = error.extensions.type;
  return { ...base, ...(typeof type === 'string' ? { type } : {}), message: error.message };
}

/** The answer to a GraphQL request: always HTTP 200, errors in the body, as GitHub answers. */
export function runGraphQL(request: { query?: unknown; variables?: unknown; operationName?: unknown }, scope: GraphQLScope): { data?: unknown; errors?: GitHubGraphQLError[] } {
  if (typeof request.query !== 'string' || request.query.trim() === '') return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return { errors: [asGitHubError(error as GraphQLError)] };
  }
  const invalid = validate(githubSchema(), document);
  if (invalid.length > 0) return { errors: invalid.map(asGitHubError) };
  const result = execute({
    schema: githubSchema(),
    document,
    rootValue: rootValue(scope),
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
    ...(typeof request.operationName === 'string' ? { operationName: request.operationName } : {}),
  });
  if ('then' in result) return { errors: [{ message: 'The simulator resolves queries synchronously; a resolver returned a promise.' }] };
  return { ...(result.data !== undefined ? { data: result.data } : {}), ...(result.errors ? { errors: result.errors.map(asGitHubError) } : {}) };
}
