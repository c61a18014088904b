import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { OperationFiles } from '../../core/ports/operation-files.js';
import type { SchemaReader } from '../../core/ports/schema-reader.js';
import { schemaDiffFromFiles, type SchemaDiffFiles } from '../../flows/schema-diff-from-files.js';
import { memoryInputFiles } from '../helpers/memory-input-files.js';

const root = resolve(import.meta.dirname, '../..');
const context = { subject: { repo: 'acme/api', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const OLD = 'type Query {\n  user(id: ID!): User\n}\n\ntype User {\n  id: ID!\n  email: String\n}\n';
const NEW = 'type Query {\n  user(id: ID!): User\n}\n\ntype User {\n  id: ID!\n  name: String\n}\n';
const opened = JSON.parse(readFileSync(join(root, 'examples/pr-passing/event.json'), 'utf8')) as Record<string, unknown>;

/** A SchemaReader that serves NEW for the new schema and OLD for anything else, recording the specs asked for. */
function schemas(): SchemaReader & { specs: string[] } {
  const specs: string[] = [];
  return {
    specs,
    async read(spec, what) {
      specs.push(spec);
      const ref = /^([^:/]+\/[^:]+|HEAD):(.+)$/.exec(spec);
      return { bytes: Buffer.from(what === 'new schema' ? NEW : OLD), source: ref ? ref[2]!.replace(/^\.\//, '') : spec, ...(ref ? { ref: ref[1] } : {}) };
    },
  };
}

const noOperations: OperationFiles = { readFolder: async () => [] };

function gate(input: Partial<SchemaDiffFiles>, files: Record<string, object> = {}) {
  const reader = schemas();
  const io = { files: memoryInputFiles(files), schemas: reader, operations: noOperations };
  return { reader, result: schemaDiffFromFiles({ new: 'schema.graphql', approvalLabel: 'approved-breaking-change', cwd: '/repo', ...input }, context, io) };
}

describe('schemaDiffFromFiles', () => {
  describe('when no old schema is given', () => {
    it.each([
      ['a path relative to the current directory', '/repo/web', 'schema/schema.graphql', 'origin/main:./schema/schema.graphql'],
      ['an absolute path below the current directory', '/repo/web', '/repo/web/api/schema.graphql', 'origin/main:./api/schema.graphql'],
      ['a path above the current directory', '/repo/web', '../schema.graphql', 'origin/main:./../schema.graphql'],
    ])("reads the new schema's path on the base branch, given %s", async (_what, cwd, path, expected) => {
      const { reader, result } = gate({ new: path, cwd, baseRef: 'main' });
      await result;
      expect(reader.specs).toEqual([expected, path]);
    });

    it("takes the base branch from the event before the base ref given", async () => {
      const { reader, result } = gate({ event: 'event.json', baseRef: 'main' }, { 'event.json': opened });
      const outcome = await result;
      expect(reader.specs[0]).toBe('origin/master:./schema.graphql');
      expect(outcome.report.data.old).toEqual({ source: 'schema.graphql', ref: 'origin/master' });
    });

    it('refuses with USAGE when the base branch is unknown, before reading a schema', async () => {
      const { reader, result } = gate({});
      await expect(result).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('no old schema') });
      expect(reader.specs).toEqual([]);
    });
  });

  describe('when the run was triggered by applying the approval label', () => {
    it('accepts the breaking change and records who applied the label', async () => {
      const pr = opened.pull_request as { labels: Array<{ name: string }> };
      const labeled = { ...opened, action: 'labeled', label: { name: 'approved-breaking-change' }, sender: { login: 'lead' }, pull_request: { ...pr, labels: [...pr.labels, { name: 'approved-breaking-change' }] } };
      const { result } = gate({ old: 'old.graphql', event: 'event.json' }, { 'event.json': labeled });
      const outcome = await result;
      expect(outcome.verdict).toBe('pass');
      expect(outcome.report.data.approval).toEqual({ label: 'approved-breaking-change', appliedBy: 'lead' });
    });
  });

  it('fails a breaking change without the label, and checks the persisted operations it was given', async () => {
    const reader = schemas();
    const operations: OperationFiles = { readFolder: async (dir) => [{ path: `${dir}/user.graphql`, text: 'query User { user(id: "1") { email } }' }] };
    const outcome = await schemaDiffFromFiles({ new: 'schema.graphql', old: 'old.graphql', operations: 'ops', approvalLabel: 'approved-breaking-change', labels: [], cwd: '/repo' }, context, { files: memoryInputFiles({}), schemas: reader, operations });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.report.data.persistedQueries).toMatchObject({ checked: 1, broken: [{ operation: 'User', file: 'ops/user.graphql' }] });
  });
});
