import * as core from '@actions/core';
import { coreIo } from '../core-io.js';
import type { GateActionIo } from './gate-action-io.js';

/**
 * The production `GateActionIo`: `@actions/core` for outputs, summary and annotations, and
 * `@actions/artifact` for the upload. The artifact client (and the Azure SDK under it) is loaded only
 * when a report is uploaded, so runs that do not upload never pay for it.
 */
export function createRunnerIo(): GateActionIo {
  return {
    ...coreIo,
    annotate: ({ level, message, ...properties }) => {
      const log = level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice;
      log(message, properties);
    },
    uploadArtifact: async (name, files, rootDirectory, retentionDays) => {
      const { DefaultArtifactClient } = await import('@actions/artifact');
      const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, retentionDays ? { retentionDays } : {});
      return { id, size };
    },
  };
}
