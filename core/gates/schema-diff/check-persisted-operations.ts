import { createHash } from 'node:crypto';
import { validate } from '@graphql-inspector/core';
import { parse, Source, type DefinitionNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { MaestroError } from '../../errors.js';
import type { BrokenOperation, PersistedQueryCheck } from './types.js';

/** One file of persisted operations. */
export interface OperationFile {
  path: string;
  text: string;
}

/** Bounds the parser's work per operations file. */
const MAX_OPERATION_TOKENS = 200_000;

/**
 * Validates persisted operations (and the fragments they spread, across files) against the new
 * schema with graphql-inspector. Each error is attributed to the operation or fragment it is in.
 * Use of deprecated fields is not an error here: deprecations are reported on their own.
 */
export function checkPersistedOperations(schema: GraphQLSchema, files: OperationFile[]): PersistedQueryCheck {
  const parsed = files.map((file) => ({ file, source: new Source(file.text, file.path), document: parseOperations(file) }));
  const checked = parsed.reduce((n, p) => n + p.document.definitions.filter((d) => d.kind === 'OperationDefinition').length, 0);
  // graphql-inspector parses each file's text again without its name: errors are traced back by text.
  const byText = new Map(parsed.map((p) => [p.file.text, p]));
  const invalid = validate(
    schema,
    parsed.map((p) => p.source),
    { strictDeprecated: false, strictFragments: true },
  );
  const broken: BrokenOperation[] = [];
  for (const doc of invalid) {
    for (const error of doc.errors) {
      const where = locate(error, byText) ?? { file: doc.source.name, operation: anonymousName(doc.source.body) };
      broken.push({ ...where, message: error.message });
    }
  }
  return { checked, broken };
}

function parseOperations(file: OperationFile): DocumentNode {
  try {
    return parse(new Source(file.text, file.path), { maxTokens: MAX_OPERATION_TOKENS });
  } catch (cause) {
    const at = (cause as GraphQLError).locations?.[0];
    throw new MaestroError('GRAPHQL_DOCUMENT_INVALID', `operations file ${file.path}${at ? `:${at.line}:${at.column}` : ''} is not valid GraphQL: ${(cause as Error).message}`, {
      file: file.path,
      remedy: 'fix the syntax of the operation or remove the file from the persisted operations folder.',
      cause,
    });
  }
}

/** The file and operation (or fragment) that contain the error's first node. */
function locate(error: GraphQLError, byText: Map<string, { file: OperationFile; document: DocumentNode }>): { file: string; operation: string } | undefined {
  const loc = error.nodes?.[0]?.loc;
  const entry = loc ? byText.get(loc.source.body) : undefined;
  if (!loc || !entry) return undefined;
  const def = entry.document.definitions.find((d) => d.loc !== undefined && d.loc.start <= loc.start && loc.end <= d.loc.end);
  return { file: entry.file.path, operation: def ? definitionName(def, entry.file.text) : anonymousName(entry.file.text) };
}

function definitionName(def: DefinitionNode, text: string): string {
  if (def.kind === 'FragmentDefinition') return `fragment ${def.name.value}`;
  if (def.kind === 'OperationDefinition' && def.name) return def.name.value;
  return anonymousName(def.loc ? text.slice(def.loc.start, def.loc.end) : text);
}

/** Persisted operations are keyed by the SHA-256 of their text; an anonymous one is named by it. */
function anonymousName(text: string): string {
  return `anonymous sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
