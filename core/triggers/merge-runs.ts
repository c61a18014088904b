import type { WorkflowRunState } from './types.js';

/** The workflow runs of a commit from two sources, by id: a run's later state wins, and `completed` is final. */
export function mergeRuns(a: WorkflowRunState[], b: WorkflowRunState[]): WorkflowRunState[] {
  const byId = new Map<number, WorkflowRunState>();
  for (const run of [...a, ...b]) {
    const seen = byId.get(run.id);
    if (seen?.status === 'completed') {
      if (!seen.path && run.path) byId.set(run.id, { ...seen, path: run.path });
      continue;
    }
    const path = run.path ?? seen?.path;
    byId.set(run.id, { ...run, createdAt: run.createdAt || seen?.createdAt || '', ...(path ? { path } : {}) });
  }
  return [...byId.values()].sort((x, y) => x.id - y.id);
}
