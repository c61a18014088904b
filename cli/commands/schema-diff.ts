import { MaestroError } from '../../core/errors.js';
import { checkPersistedOperations } from '../../core/gates/schema-diff/check-persisted-operations.js';
import { diffGraphqlSchemas } from '../../core/gates/schema-diff/diff-graphql-schemas.js';
import { evaluateSchemaDiff } from '../../core/gates/schema-diff/evaluate-schema-diff.js';
import { parseGraphqlSchema } from '../../core/gates/schema-diff/parse-graphql-schema.js';
import { readOperationFiles } from '../../core/io/read-operation-files.js';
import { pullRequestEventPath, readPullRequestEvent } from '../../core/io/read-pull-request-event.js';
import { readSchemaSource } from '../../core/io/read-schema-source.js';
import { resolveReportContext } from '../../core/io/resolve-report-context.js';
import { emitGateOutcome, type GateOutputOptions } from '../emit-gate-outcome.js';

/** Options of `maestro schema-diff`, as the command line gives them. */
export interface SchemaDiffOptions extends GateOutputOptions {
  old?: string;
  new: string;
  operations?: string;
  approvalLabel: string;
  labels?: string;
  event?: string;
  repo?: string;
  sha?: string;
  pr?: string;
}

/** `maestro schema-diff`: diff two GraphQL schemas, check persisted operations, print the report. */
export async function schemaDiffCommand(options: SchemaDiffOptions): Promise<number> {
  const eventPath = pullRequestEventPath(options.event, process.env);
  const event = eventPath ? await readPullRequestEvent(eventPath) : undefined;
  const context = resolveReportContext('maestro-cli', { ...options, repo: options.repo ?? event?.pr.repo }, { ...process.env, ...(eventPath ? { GITHUB_EVENT_PATH: eventPath } : {}) });
  const baseRef = event?.pr.baseRef ?? process.env.GITHUB_BASE_REF;
  const oldSpec = options.old ?? (baseRef ? `origin/${baseRef}:${options.new}` : undefined);
  if (!oldSpec) throw new MaestroError('USAGE', 'no old schema: pass --old, or run on a pull request so the base branch is known', { remedy: 'pass --old <file or ref:path>, e.g. --old origin/main:schema.graphql.' });
  const [oldBytes, newBytes] = await Promise.all([readSchemaSource(oldSpec, 'old schema'), readSchemaSource(options.new, 'new schema')]);
  const oldSchema = parseGraphqlSchema(oldBytes.bytes, oldSpec);
  const newSchema = parseGraphqlSchema(newBytes.bytes, options.new);
  const diff = await diffGraphqlSchemas(oldSchema, newSchema);
  const persistedQueries = options.operations ? checkPersistedOperations(newSchema.schema, await readOperationFiles(options.operations)) : undefined;
  const labels = options.labels !== undefined ? options.labels.split(',').map((l) => l.trim()).filter(Boolean) : (event?.pr.labels ?? []);
  const outcome = evaluateSchemaDiff(
    {
      old: oldBytes.ref ? { source: oldBytes.source, ref: oldBytes.ref } : { source: oldBytes.source },
      new: newBytes.ref ? { source: newBytes.source, ref: newBytes.ref } : { source: newBytes.source },
      diff,
      ...(persistedQueries ? { persistedQueries } : {}),
      ...(newBytes.ref ? {} : { annotatePath: newBytes.source }),
      labels,
      approvalLabel: options.approvalLabel,
      ...(event?.labeledBy?.label === options.approvalLabel ? { approvedBy: event.labeledBy.login } : {}),
    },
    context,
  );
  return emitGateOutcome(outcome, options, options.new);
}
