import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkPersistedOperations } from '../../../../core/gates/schema-diff/check-persisted-operations.js';
import { diffGraphqlSchemas } from '../../../../core/gates/schema-diff/diff-graphql-schemas.js';
import { evaluateSchemaDiff } from '../../../../core/gates/schema-diff/evaluate-schema-diff.js';
import { parseGraphqlSchema } from '../../../../core/gates/schema-diff/parse-graphql-schema.js';
import { parseEvidence } from '../../../../core/evidence/parse-evidence.js';
import { introspectionFromSchema } from 'graphql';
import '../../../helpers/build-evidence.js';

const sdl = (text: string) => parseGraphqlSchema(Buffer.from(text), 'schema.graphql');

const OLD = `type Query {
  user(id: ID!): User
  users(first: Int): [User!]!
  legacy: String @deprecated(reason: "use users")
}

type User {
  id: ID!
  name: String
  email: String
  role: Role
}

enum Role {
  ADMIN
  MEMBER
}
`;

const NEW = `type Query {
  user(id: ID!, active: Boolean = true): User
  users(first: Int): [User!]!
}

type User {
  id: ID!
  name: String @deprecated(reason: "use displayName")
  displayName: String
  role: Role
}

enum Role {
  ADMIN
  MEMBER
  GUEST
}
`;

const context = { subject: { repo: 'octo/app', sha: 'a'.repeat(40), pr: 7 }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00Z' };

async function evaluate(labels: string[] = [], operations?: { path: string; text: string }[], approvedBy?: string) {
  const oldSchema = sdl(OLD);
  const newSchema = sdl(NEW);
  const diff = await diffGraphqlSchemas(oldSchema, newSchema);
  const persistedQueries = operations ? checkPersistedOperations(newSchema.schema, operations) : undefined;
  return evaluateSchemaDiff({ old: { source: 'schema.graphql', ref: 'origin/main' }, new: { source: 'schema.graphql' }, diff, persistedQueries, annotatePath: 'schema.graphql', labels, approvalLabel: 'approved-breaking-change', approvedBy }, context);
}

describe('diffGraphqlSchemas', () => {
  it('classifies each change and places it on the line of the new schema (removals on their parent)', async () => {
    const { changes } = await diffGraphqlSchemas(sdl(OLD), sdl(NEW));
    const pick = (path: string, type: string) => changes.find((c) => c.path === path && c.type === type);
    expect(pick('User.email', 'FIELD_REMOVED')).toMatchObject({ criticality: 'breaking', line: 6 });
    expect(pick('Query.legacy', 'FIELD_REMOVED')).toMatchObject({ criticality: 'breaking', line: 1 });
    expect(pick('Query.user.active', 'FIELD_ARGUMENT_ADDED')).toMatchObject({ criticality: 'dangerous', line: 2 });
    expect(pick('Role.GUEST', 'ENUM_VALUE_ADDED')).toMatchObject({ criticality: 'dangerous', line: 16, reason: expect.stringContaining('enum value') });
    expect(pick('User.displayName', 'FIELD_ADDED')).toMatchObject({ criticality: 'safe', line: 9 });
    expect(changes.map((c) => c.criticality)).toEqual([...changes.map((c) => c.criticality)].sort((a, b) => ['breaking', 'dangerous', 'safe'].indexOf(a) - ['breaking', 'dangerous', 'safe'].indexOf(b)));
  });

  it('reports new deprecations and the removal of deprecated fields', async () => {
    const { deprecations } = await diffGraphqlSchemas(sdl(OLD), sdl(NEW));
    expect(deprecations).toEqual([
      { path: 'Query.legacy', reason: 'use users', removed: true },
      { path: 'User.name', reason: 'use displayName', removed: false },
    ]);
  });

  it('diffs an introspection result against SDL, without lines for the JSON side', async () => {
    const introspection = Buffer.from(JSON.stringify({ data: introspectionFromSchema(sdl(NEW).schema) }));
    const { changes } = await diffGraphqlSchemas(sdl(OLD), parseGraphqlSchema(introspection, 'schema.json'));
    expect(changes.find((c) => c.path === 'User.email')).toEqual(expect.objectContaining({ criticality: 'breaking' }));
    expect(changes.every((c) => c.line === undefined)).toBe(true);
  });

  describe("with GitHub's public schema at two versions (@octokit/graphql-schema 14.39.1 SDL, 15.26.1 introspection)", () => {
    const root = resolve(import.meta.dirname, '../../../..');
    it('finds the enum values GitHub removed as breaking and the added ones as dangerous', async () => {
      const oldSchema = parseGraphqlSchema(readFileSync(resolve(root, 'node_modules/octokit-graphql-schema-v14/schema.graphql')), 'v14');
      const newSchema = parseGraphqlSchema(readFileSync(resolve(root, 'node_modules/@octokit/graphql-schema/schema.json')), 'v15');
      const { changes } = await diffGraphqlSchemas(oldSchema, newSchema);
      expect(changes.find((c) => c.path === 'FundingPlatform.OTECHIE')).toMatchObject({ criticality: 'breaking', type: 'ENUM_VALUE_REMOVED' });
      expect(changes.find((c) => c.path === 'FundingPlatform.POLAR')).toMatchObject({ criticality: 'dangerous', type: 'ENUM_VALUE_ADDED' });
      expect(changes.filter((c) => c.criticality === 'safe').length).toBeGreaterThan(1000);
    });

    it('refuses the 15.26.1 SDL, which defines two fields twice, naming the lines', () => {
      expect(() => parseGraphqlSchema(readFileSync(resolve(root, 'node_modules/@octokit/graphql-schema/schema.graphql')), 'schema.graphql')).toThrow(
        expect.objectContaining({ code: 'GRAPHQL_SCHEMA_INVALID', message: expect.stringMatching(/schema\.graphql:\d+:3: Field "EnterpriseOwnerInfo\.repositoryDeployKeySetting" can only be defined once/) }),
      );
    });
  });
});

describe('parseGraphqlSchema', () => {
  it.each([
    ['a syntax error, with line and column', 'type Query {\n  a: Int\n  b Int\n}', /schema\.graphql:3:5: Syntax Error/],
    ['an unknown type', 'type Query { a: Missing }', /Unknown type "Missing"/],
    ['a schema without a query type', 'type User { a: Int }', /Query root type must be provided/],
    ['JSON that is not an introspection result', '{"types": []}', /not an introspection result/],
    ['an introspection result without types', '{"__schema": {"types": []}}', /Query root type must be provided/],
    ['an introspection result with a broken type', '{"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "OBJECT", "name": "Query"}]}}', /not a complete introspection result/],
  ])('refuses %s with GRAPHQL_SCHEMA_INVALID', (_name, text, message) => {
    expect(() => parseGraphqlSchema(Buffer.from(text), 'schema.graphql')).toThrow(expect.objectContaining({ code: 'GRAPHQL_SCHEMA_INVALID', message: expect.stringMatching(message) }));
  });

  it('refuses malformed JSON with JSON_SYNTAX', () => {
    expect(() => parseGraphqlSchema(Buffer.from('{"__schema": '), 'schema.json')).toThrow(expect.objectContaining({ code: 'JSON_SYNTAX' }));
  });
});

describe('checkPersistedOperations', () => {
  const schema = sdl(NEW).schema;
  it('names the operations and fragments the new schema breaks, across files', () => {
    const result = checkPersistedOperations(schema, [
      { path: 'ops/user.graphql', text: 'query GetUser($id: ID!) {\n  user(id: $id) { ...UserBits }\n}\n' },
      { path: 'ops/fragments.graphql', text: 'fragment UserBits on User {\n  id\n  email\n}\n' },
      { path: 'ops/ok.graphql', text: 'query Users { users(first: 2) { id name } }\nquery Role { user(id: "1") { role } }' },
      { path: 'ops/anon.graphql', text: '{ legacy }' },
    ]);
    expect(result.checked).toBe(4);
    expect(result.broken).toEqual([
      { operation: 'fragment UserBits', file: 'ops/fragments.graphql', message: 'Cannot query field "email" on type "User".' },
      { operation: expect.stringMatching(/^anonymous sha256:[0-9a-f]{16}$/), file: 'ops/anon.graphql', message: 'Cannot query field "legacy" on type "Query".' },
    ]);
  });

  it('refuses an operation file that is not GraphQL with GRAPHQL_DOCUMENT_INVALID', () => {
    expect(() => checkPersistedOperations(schema, [{ path: 'ops/bad.graphql', text: 'query {' }])).toThrow(expect.objectContaining({ code: 'GRAPHQL_DOCUMENT_INVALID', message: expect.stringContaining('ops/bad.graphql:1:8') }));
  });
});

describe('evaluateSchemaDiff', () => {
  it('fails on breaking changes without the approval label, annotating breaking and dangerous lines', async () => {
    const outcome = await evaluate();
    expect(outcome.verdict).toBe('fail');
    expect(outcome.report.data.counts).toEqual({ breaking: 2, dangerous: 2, safe: expect.any(Number) });
    expect(outcome.report.data.approval).toBeUndefined();
    expect(outcome.headline).toMatch(/^2 breaking changes: add the label "approved-breaking-change"/);
    expect(outcome.annotations).toContainEqual(expect.objectContaining({ file: 'schema.graphql', startLine: 6, level: 'error', title: 'breaking schema change: FIELD_REMOVED' }));
    expect(outcome.outputs).toEqual({ breaking: '2', dangerous: '2', safe: expect.stringMatching(/^\d+$/), 'broken-operations': '0', approved: 'false' });
    expect(outcome.annotations.some((a) => a.level === 'notice')).toBe(false);
  });

  it('passes with the approval label and records who applied it', async () => {
    const outcome = await evaluate(['approved-breaking-change'], undefined, 'octocat');
    expect(outcome.verdict).toBe('pass');
    expect(outcome.report.data.approval).toEqual({ label: 'approved-breaking-change', appliedBy: 'octocat' });
    expect(outcome.headline).toContain('accepted by the label "approved-breaking-change" applied by @octocat');
    expect(outcome.annotations.find((a) => a.startLine === 6)?.level).toBe('warning');
  });

  it('fails on broken persisted operations too', async () => {
    const outcome = await evaluate([], [{ path: 'ops/a.graphql', text: 'query A { user(id: 1) { email } }' }]);
    expect(outcome.headline).toMatch(/^2 breaking changes and 1 persisted operation broken/);
    expect(outcome.report.data.persistedQueries).toEqual({ checked: 1, broken: [expect.objectContaining({ operation: 'A' })] });
  });

  it('passes without recording an approval when nothing needs one', async () => {
    const diff = await diffGraphqlSchemas(sdl(OLD), sdl(OLD));
    const outcome = evaluateSchemaDiff({ old: { source: 'a' }, new: { source: 'b' }, diff, labels: ['approved-breaking-change'], approvalLabel: 'approved-breaking-change' }, context);
    expect([outcome.verdict, outcome.report.data.approval, outcome.report.data.counts]).toEqual(['pass', undefined, { breaking: 0, dangerous: 0, safe: 0 }]);
  });

  it('makes a report valid against the schema-diff schema', async () => {
    const outcome = await evaluate(['approved-breaking-change'], [{ path: 'ops/a.graphql', text: 'query A { user(id: 1) { email } }' }], 'octocat');
    const item = parseEvidence(Buffer.from(JSON.stringify(outcome.report)), 'report.json');
    expect(item.status === 'invalid' ? item.issues : []).toEqual([]);
  });
});

describe('the schema diff Markdown', () => {
  it('renders the verdict, counts and a table of changes', async () => {
    const markdown = (await evaluate()).markdown;
    expect(markdown).toMatch(/^### ❌ Schema diff: 2 breaking changes: add the label "approved-breaking-change" to accept them/);
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('_Schemas: `schema.graphql` at `origin/main` → `schema.graphql`._');
    expect(markdown).toContain('| 2 | 2 |');
    expect(markdown).toMatch(/\| ❌ breaking \| `FIELD_REMOVED` \| `User.email` \| Field 'email' was removed from object type 'User' \(line 6\) \|/);
    expect(markdown).toContain('**Deprecated elements removed** (1)');
  });

  it('escapes schema text: a deprecation reason cannot inject HTML or mention anyone', async () => {
    const hostile = OLD.replace('use users', '<img src=x onerror=alert(1)> @octo-org/admins');
    const diff = await diffGraphqlSchemas(sdl(hostile), sdl(NEW));
    const markdown = evaluateSchemaDiff({ old: { source: 'a' }, new: { source: 'b' }, diff, labels: [], approvalLabel: 'x' }, context).markdown;
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(markdown).not.toMatch(/[^\\]<img/);
    expect(markdown).not.toContain('@octo-org');
  });

  it('stays within the size limit with many changes, saying how many rows were left out', async () => {
    const wide = (n: number) => `type Query {\n${Array.from({ length: n }, (_, i) => `  field${i}(arg: Int): String`).join('\n')}\n}\n`;
    const diff = await diffGraphqlSchemas(sdl(wide(3000)), sdl('type Query { other: String }'));
    const markdown = evaluateSchemaDiff({ old: { source: 'a' }, new: { source: 'b' }, diff, labels: [], approvalLabel: 'x' }, context).markdown;
    expect(markdown.length).toBeLessThanOrEqual(65_535);
    expect(markdown).toMatch(/_\d+ more rows were left out/);
  });
});
