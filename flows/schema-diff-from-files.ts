import { relative, resolve } from 'node:path';
import { MaestroError } from '../core/errors.js';
import type { ReportContext } from '../core/evidence/build-report.js';
import type { GateOutcome } from '../core/result/gate-outcome.js';
import { checkPersistedOperations } from '../core/gates/schema-diff/check-persisted-operations.js';
import { diffGraphqlSchemas } from '../core/gates/schema-diff/diff-graphql-schemas.js';
import { evaluateSchemaDiff } from '../core/gates/schema-diff/evaluate-schema-diff.js';
import { parseGraphqlSchema } from '../core/gates/schema-diff/parse-graphql-schema.js';
import type { SchemaDiffData } from '../core/gates/schema-diff/types.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { OperationFiles } from '../core/ports/operation-files.js';
import type { SchemaReader } from '../core/ports/schema-reader.js';
import { MAX_EVENT_BYTES, parsePullRequestEvent } from '../core/pr/parse-pull-request-event.js';

/** The schema-diff gate's inputs as files and names, shared by `maestro schema-diff` and actions/schema-diff. */
export interface SchemaDiffFiles {
  /** The new schema: a file, or `<git ref>:<path>`. */
  new: string;
  /** The old schema; by default the new path on the PR's base branch (`origin/<base>:<new>`). */
  old?: string;
  operations?: string;
  approvalLabel: string;
  /** The PR's labels; by default those of the event. */
  labels?: string[];
  /** A pull_request event payload: labels, base branch, who applied the approval label. */
  event?: string;
  /** The base branch when there is no event (`$GITHUB_BASE_REF`). */
  baseRef?: string;
  /** The current directory, where relative paths start: the default old schema names the new one relative to it. */
  cwd: string;
}

/** What the schema-diff gate reads through: the event file, the two schemas, and the persisted operations. */
export interface SchemaDiffIo {
  files: InputFiles;
  schemas: SchemaReader;
  operations: OperationFiles;
}

/** Reads both schemas (and the persisted operations), diffs them and decides the gate. */
export async function schemaDiffFromFiles(input: SchemaDiffFiles, context: ReportContext, io: SchemaDiffIo): Promise<GateOutcome<SchemaDiffData>> {
  const event = input.event ? parsePullRequestEvent(await io.files.readJson(input.event, 'event', MAX_EVENT_BYTES), input.event) : undefined;
  const baseRef = event?.pr.baseRef ?? input.baseRef;
  // `<ref>:./<path>` is read relative to the current directory, so the default works from any folder of the checkout.
  const oldSpec = input.old ?? (baseRef ? `origin/${baseRef}:./${relative(input.cwd, resolve(input.cwd, input.new))}` : undefined);
  if (!oldSpec) throw new MaestroError('USAGE', 'no old schema: pass --old, or run on a pull request so the base branch is known', { remedy: 'pass the old schema as a file or <git ref>:<path>, e.g. origin/main:schema.graphql.' });
  const [oldBytes, newBytes] = await Promise.all([io.schemas.read(oldSpec, 'old schema'), io.schemas.read(input.new, 'new schema')]);
  const oldSchema = parseGraphqlSchema(oldBytes.bytes, oldSpec);
  const newSchema = parseGraphqlSchema(newBytes.bytes, input.new);
  const diff = await diffGraphqlSchemas(oldSchema, newSchema);
  const persistedQueries = input.operations ? checkPersistedOperations(newSchema.schema, await io.operations.readFolder(input.operations)) : undefined;
  return evaluateSchemaDiff(
    {
      old: oldBytes.ref ? { source: oldBytes.source, ref: oldBytes.ref } : { source: oldBytes.source },
      new: newBytes.ref ? { source: newBytes.source, ref: newBytes.ref } : { source: newBytes.source },
      diff,
      ...(persistedQueries ? { persistedQueries } : {}),
      ...(newBytes.ref ? {} : { annotatePath: newBytes.source }),
      labels: input.labels ?? event?.pr.labels ?? [],
      approvalLabel: input.approvalLabel,
      ...(event?.labeledBy?.label === input.approvalLabel ? { approvedBy: event.labeledBy.login } : {}),
    },
    context,
  );
}
