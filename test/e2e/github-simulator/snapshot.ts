import { filesOf } from './repo-git.js';
import type { SimCheckRun, SimComment, SimIssue } from './model.js';
import type { SimulatorState } from './state.js';

/** What `GET /_simulator/state` shows: plain JSON a person can read while the app runs against the simulator. */
export interface StateSnapshot {
  app: { id: number; slug: string };
  installations: Array<{ id: number; account: string; selection: string; repositories: string[] }>;
  repositories: Array<{
    fullName: string;
    id: number;
    defaultBranch: string;
    refs: Record<string, string>;
    /** Files of the default branch's head. */
    files: string[];
    collaborators: Record<string, string>;
    issues: Array<Pick<SimIssue, 'number' | 'title' | 'state' | 'labels'> & { pull: boolean; head?: string }>;
    comments: Array<Pick<SimComment, 'id' | 'issueNumber' | 'body'> & { user: string; reactions: string[] }>;
    checkRuns: Array<Pick<SimCheckRun, 'id' | 'name' | 'headSha' | 'status' | 'conclusion' | 'output'> & { annotations: number; updates: number }>;
    workflowRuns: Array<{ id: number; name: string; headSha: string; status: string; conclusion: string | null }>;
    artifacts: Array<{ id: number; runId: number; name: string; bytes: number; expired: boolean }>;
  }>;
  teams: Record<string, Record<string, string>>;
}

/** The state as plain JSON (maps flattened, blobs left out). */
export function snapshotState(state: SimulatorState): StateSnapshot {
  return {
    app: { id: state.app.id, slug: state.app.slug },
    installations: [...state.installations.values()].map((i) => ({ id: i.id, account: i.account.login, selection: i.selection, repositories: state.repositoriesOf(i).map((r) => r.fullName) })),
    repositories: [...state.repositories.values()].map((repo) => {
      const head = repo.commits.get(repo.refs.get(`refs/heads/${repo.defaultBranch}`) ?? '');
      return {
        fullName: repo.fullName,
        id: repo.id,
        defaultBranch: repo.defaultBranch,
        refs: Object.fromEntries(repo.refs),
        files: head ? [...filesOf(repo, head).keys()].sort() : [],
        collaborators: Object.fromEntries(repo.collaborators),
        issues: [...repo.issues.values()].map((i) => ({ number: i.number, title: i.title, state: i.state, labels: i.labels, pull: i.pull !== undefined, ...(i.pull ? { head: `${i.pull.head.ref}@${i.pull.head.sha}` } : {}) })),
        comments: [...repo.comments.values()].map((c) => ({ id: c.id, issueNumber: c.issueNumber, body: c.body, user: c.user.login, reactions: c.reactions.map((r) => `${r.content} by ${r.user.login}`) })),
        checkRuns: repo.checkRuns.map((r) => ({ id: r.id, name: r.name, headSha: r.headSha, status: r.status, conclusion: r.conclusion, output: r.output, annotations: r.annotations.length, updates: r.history.length })),
        workflowRuns: repo.workflowRuns.map((r) => ({ id: r.id, name: r.name, headSha: r.headSha, status: r.status, conclusion: r.conclusion })),
        artifacts: repo.artifacts.map((a) => ({ id: a.id, runId: a.runId, name: a.name, bytes: a.zip.length, expired: a.expired })),
      };
    }),
    teams: Object.fromEntries([...state.teams].map(([key, members]) => [key, Object.fromEntries(members)])),
  };
}
