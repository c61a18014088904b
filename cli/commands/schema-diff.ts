import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { fsOperationFiles } from '../../adapters/fs/read-operation-files.js';
import { pullRequestEventPath, readPullRequestEvent } from '../../adapters/fs/read-pull-request-event.js';
import { cliReportContext } from '../report-context.js';
import { gitSchemaReader } from '../../adapters/git/read-schema-source.js';
import { schemaDiffFromFiles } from '../../flows/schema-diff-from-files.js';
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
  const event = pullRequestEventPath(options.event, process.env);
  // The report is about the PR's repository when an event is given, unless --repo says otherwise.
  const repo = options.repo ?? (event ? (await readPullRequestEvent(event)).pr.repo : undefined);
  const context = cliReportContext({ ...options, repo }, { ...process.env, ...(event ? { GITHUB_EVENT_PATH: event } : {}) });
  const outcome = await schemaDiffFromFiles(
    {
      new: options.new,
      old: options.old,
      operations: options.operations,
      approvalLabel: options.approvalLabel,
      labels: options.labels?.split(',').map((l) => l.trim()).filter(Boolean),
      event,
      baseRef: process.env.GITHUB_BASE_REF || undefined,
      cwd: process.cwd(),
    },
    context,
    { files: fsInputFiles, schemas: gitSchemaReader, operations: fsOperationFiles },
  );
  return emitGateOutcome(outcome, options, options.new);
}
