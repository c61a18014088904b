import type { GateAnnotation } from '../../core/result/gate-outcome.js';
import type { GateActionIo } from '../../actions/lib/gate-action-io.js';

/** A `GateActionIo` that records every call, for tests of gate actions' `run`. */
export interface FakeGateIo extends GateActionIo {
  outputs: Record<string, string>;
  summary: string[];
  annotations: GateAnnotation[];
  uploads: Array<{ name: string; files: string[]; rootDirectory: string; retentionDays?: number }>;
  failed: string[];
  logs: string[];
}

/** A recording fake; `uploadError` makes every upload throw it. */
export function fakeGateIo(uploadError?: Error): FakeGateIo {
  const io: FakeGateIo = {
    outputs: {}, summary: [], annotations: [], uploads: [], failed: [], logs: [],
    setOutput: (name, value) => { io.outputs[name] = value; },
    appendSummary: async (markdown) => { io.summary.push(markdown); },
    annotate: (annotation) => { io.annotations.push(annotation); },
    uploadArtifact: async (name, files, rootDirectory, retentionDays) => {
      if (uploadError) throw uploadError;
      io.uploads.push({ name, files, rootDirectory, retentionDays });
      return { id: 4242, size: 100 };
    },
    setFailed: (message) => { io.failed.push(message); },
    info: (message) => { io.logs.push(message); },
    warning: (message) => { io.logs.push(`warning: ${message}`); },
  };
  return io;
}
