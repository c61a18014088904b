import type { GateOutcome } from '../../core/result/gate-outcome.js';
import type { SchemaDiffData } from '../../core/gates/schema-diff/types.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { fsOperationFiles } from '../../adapters/fs/read-operation-files.js';
import { pullRequestEventPath } from '../../adapters/fs/read-pull-request-event.js';
import { resolveReportContext, type SubjectOverrides } from '../../adapters/fs/resolve-report-context.js';
import { gitSchemaReader } from '../../adapters/git/read-schema-source.js';
import { schemaDiffFromFiles } from '../../flows/schema-diff-from-files.js';
import type { GateActionIo } from '../lib/gate-action-io.js';
import type { PublishSettings } from '../lib/publish-gate-outcome.js';
import { runGateAction } from '../lib/run-gate-action.js';

/** The schema-diff action's inputs, resolved by main.ts. */
export interface SchemaDiffRunInputs {
  schema: string;
  oldSchema?: string;
  operations?: string;
  approvalLabel: string;
  subject: SubjectOverrides;
  settings: PublishSettings;
  env: NodeJS.ProcessEnv;
  /** The current directory: the default old schema is the new one's path, relative to it, on the base branch. */
  cwd: string;
}

/**
 * The schema-diff gate in a workflow: diffs the schema against the base branch's (or the old
 * schema given), annotates the changed lines, and publishes the report as maestro-evidence-schema-diff.
 */
export function run(inputs: SchemaDiffRunInputs, io: GateActionIo): Promise<GateOutcome<SchemaDiffData> | undefined> {
  return runGateAction(async () => {
    const context = resolveReportContext('maestro-action', inputs.subject, inputs.env);
    const event = pullRequestEventPath(undefined, inputs.env);
    return schemaDiffFromFiles(
      { new: inputs.schema, old: inputs.oldSchema, operations: inputs.operations, approvalLabel: inputs.approvalLabel, event, baseRef: inputs.env.GITHUB_BASE_REF || undefined, cwd: inputs.cwd },
      context,
      { files: fsInputFiles, schemas: gitSchemaReader, operations: fsOperationFiles },
    );
  }, inputs.settings, io);
}
